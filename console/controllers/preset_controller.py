"""Wall presets: the backend's shared and private layouts plus this workstation's own.

Binds a :class:`LayoutPresetsDialog` to the backend (``/layouts``) and to the local
:class:`PresetStore`. Applying a preset hands a validated :class:`WallLayout` to the app; saving
takes the wall as it is now. Keys name presets in the dialog: ``server:<id>`` or
``local:<name>``. Without the backend the local presets still list, apply and save.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from console.layout_store import PresetStore
from console.tasks import OwnedTasks
from layouts import LayoutError, WallLayout, layout_from_dict
from layouts.model import layout_to_dict
from server_client.contract import Layout, LayoutInfo, LayoutScope, Role
from server_client.rest import ApiError, BackendUnreachable, RestClient
from widgets.preset_dialog import LOCAL, PRIVATE, SHARED, LayoutPresetsDialog, PresetRow

log = logging.getLogger(__name__)

SERVER_PREFIX = "server:"
LOCAL_PREFIX = "local:"
SHARED_WRITERS = (Role.COMMANDER, Role.ADMIN)


class PresetController(QObject):
    """Lists, applies, saves, updates and deletes wall presets; one dialog at a time."""

    error_reported = Signal(str)
    status_reported = Signal(str)
    applied = Signal(object)

    def __init__(
        self,
        rest: RestClient,
        store: PresetStore,
        *,
        current: Callable[[], WallLayout | None],
        apply: Callable[[WallLayout], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.rest = rest
        self.store = store
        self._current = current
        self._apply = apply
        self.dialog: LayoutPresetsDialog | None = None
        self._server: dict[str, LayoutInfo] = {}
        self._tasks = OwnedTasks("presets")

    @property
    def _role(self) -> Role | None:
        return self.rest.user.role if self.rest.user is not None else None

    @property
    def may_share(self) -> bool:
        return self._role in SHARED_WRITERS

    # -- the dialog -----------------------------------------------------------------------------

    def show_dialog(self, parent: QWidget | None = None) -> LayoutPresetsDialog:
        """Open (or raise) the presets dialog and load the list."""
        if self.dialog is None:
            dialog = LayoutPresetsDialog(parent)
            dialog.set_shared_allowed(self.may_share)
            dialog.apply_requested.connect(lambda key: self._tasks.spawn(self.apply(key)))
            dialog.save_requested.connect(
                lambda name, kept: self._tasks.spawn(self.save(name, kept))
            )
            dialog.update_requested.connect(lambda key: self._tasks.spawn(self.update(key)))
            dialog.delete_requested.connect(lambda key: self._tasks.spawn(self.delete(key)))
            dialog.refresh_requested.connect(lambda: self._tasks.spawn(self.refresh()))
            self.dialog = dialog
        self.dialog.show()
        self.dialog.raise_()
        self._tasks.spawn(self.refresh())
        return self.dialog

    def _say(self, text: str, *, error: bool = False) -> None:
        if self.dialog is not None:
            self.dialog.show_message(text)
        (self.error_reported if error else self.status_reported).emit(text)

    # -- operations -----------------------------------------------------------------------------

    async def refresh(self) -> list[PresetRow]:
        """Load the server's presets (if reachable) and the local ones; show them.

        The server's presets are copied to this workstation as they are listed, so without
        the backend they still list (read-only) and apply.
        """
        rows: list[PresetRow] = []
        problem = ""
        user = self.rest.user.username if self.rest.user is not None else ""
        try:
            infos = await self.rest.layouts()
        except (ApiError, BackendUnreachable) as exc:
            log.warning("presets: server list unavailable: %s", exc)
            problem = self.tr(
                "Server presets unavailable (%1); showing the copies kept on this workstation."
            ).replace("%1", str(exc))
            cached = [self._cached(layout_id) for layout_id in self.store.server_cache()]
            infos = [
                c
                for c in cached
                if c is not None and (c.scope == LayoutScope.SHARED or c.owner == user)
            ]
            online = False
        else:
            await self._update_cache(infos)
            online = True
        self._server = {info.id: info for info in infos}
        for info in infos:
            shared = info.scope == LayoutScope.SHARED
            rows.append(
                PresetRow(
                    key=SERVER_PREFIX + info.id,
                    name=info.name,
                    kept=SHARED if shared else PRIVATE,
                    owner=info.owner,
                    version=info.version,
                    writable=online and (self.may_share if shared else info.owner == user),
                )
            )
        rows.extend(
            PresetRow(key=LOCAL_PREFIX + layout.name, name=layout.name, kept=LOCAL)
            for layout in self.store.presets()
        )
        if self.dialog is not None:
            self.dialog.set_presets(rows)
            if problem:
                self.dialog.show_message(problem)
        return rows

    def _cached(self, layout_id: str) -> Layout | None:
        entry = self.store.server_cache().get(layout_id)
        if entry is None:
            return None
        try:
            return Layout.model_validate(entry)
        except ValueError:
            return None

    async def _update_cache(self, infos: list[LayoutInfo]) -> None:
        """Keep a copy of every listed server preset; fetch only the new or changed ones."""
        cache = self.store.server_cache()
        fresh: dict[str, dict[str, Any]] = {}
        for info in infos:
            entry = cache.get(info.id)
            if entry is None or entry.get("version") != info.version:
                try:
                    entry = (await self.rest.layout(info.id)).model_dump(mode="json")
                except (ApiError, BackendUnreachable) as exc:
                    log.info("preset %s not copied: %s", info.id, exc)
                    entry = None
            if entry is not None:
                fresh[info.id] = entry
        if fresh != cache:
            try:
                self.store.save_server_cache(fresh)
            except OSError as exc:
                log.error("cannot keep the server presets here: %s", exc)

    async def load(self, key: str) -> WallLayout | None:
        """The preset's layout, validated; None (and a message) if it cannot be had."""
        if key.startswith(LOCAL_PREFIX):
            layout = self.store.get(key.removeprefix(LOCAL_PREFIX))
            if layout is None:
                self._say(self.tr("That preset is gone."), error=True)
            return layout
        layout_id = key.removeprefix(SERVER_PREFIX)
        try:
            stored = await self.rest.layout(layout_id)
        except BackendUnreachable as exc:
            # Without the backend, the copy kept here will do.
            cached = self._cached(layout_id)
            if cached is None:
                self._say(self.tr("Preset not loaded: %1").replace("%1", str(exc)), error=True)
                return None
            stored = cached
        except ApiError as exc:
            self._say(self.tr("Preset not loaded: %1").replace("%1", str(exc)), error=True)
            return None
        try:
            layout = layout_from_dict(stored.document)
        except LayoutError as exc:
            self._say(
                self.tr("Preset %1 is not a valid layout: %2")
                .replace("%1", stored.name)
                .replace("%2", str(exc)),
                error=True,
            )
            return None
        # The server's name is the one the list shows (a rename changes both anyway).
        return WallLayout(stored.name, layout.screens)

    async def apply(self, key: str) -> bool:
        """Show the preset on the wall."""
        layout = await self.load(key)
        if layout is None:
            return False
        self._apply(layout)
        self.applied.emit(layout)
        self._say(self.tr("Preset %1 applied").replace("%1", layout.name))
        return True

    def _current_as(self, name: str) -> WallLayout | None:
        current = self._current()
        if current is None:
            self._say(self.tr("There is no wall layout to save yet."), error=True)
            return None
        return WallLayout(name, current.screens)

    async def save(self, name: str, kept: str) -> str | None:
        """Save the current wall as a new preset ``name``; returns its key."""
        layout = self._current_as(name.strip())
        if layout is None:
            return None
        if kept == LOCAL:
            try:
                self.store.save(layout)
            except OSError as exc:
                self._say(self.tr("Preset not saved: %1").replace("%1", str(exc)), error=True)
                return None
            key = LOCAL_PREFIX + layout.name
        else:
            scope = LayoutScope.SHARED if kept == SHARED else LayoutScope.PRIVATE
            try:
                stored = await self.rest.create_layout(layout.name, layout_to_dict(layout), scope)
            except (ApiError, BackendUnreachable) as exc:
                self._say(self.tr("Preset not saved: %1").replace("%1", str(exc)), error=True)
                return None
            key = SERVER_PREFIX + stored.id
        await self.refresh()
        if self.dialog is not None:
            self.dialog.select(key)
        self._say(self.tr("Preset %1 saved").replace("%1", layout.name))
        return key

    async def update(self, key: str) -> bool:
        """Replace the preset's content with the current wall (same name)."""
        if key.startswith(LOCAL_PREFIX):
            layout = self._current_as(key.removeprefix(LOCAL_PREFIX))
            if layout is None:
                return False
            try:
                self.store.save(layout)
            except OSError as exc:
                self._say(self.tr("Preset not saved: %1").replace("%1", str(exc)), error=True)
                return False
        else:
            info = self._server.get(key.removeprefix(SERVER_PREFIX))
            layout = self._current_as(info.name) if info is not None else None
            if info is None or layout is None:
                return False
            try:
                await self.rest.update_layout(
                    info.id, info.name, layout_to_dict(layout), info.version
                )
            except ApiError as exc:
                if exc.status == 412:
                    message = self.tr(
                        "Preset %1 was changed by someone else meanwhile; the list is reloaded."
                    ).replace("%1", info.name)
                else:
                    message = self.tr("Preset not saved: %1").replace("%1", str(exc))
                await self.refresh()
                self._say(message, error=True)
                return False
            except BackendUnreachable as exc:
                self._say(self.tr("Preset not saved: %1").replace("%1", str(exc)), error=True)
                return False
        await self.refresh()
        self._say(self.tr("Preset %1 updated").replace("%1", layout.name))
        return True

    async def delete(self, key: str) -> bool:
        """Delete the preset (on the server only if nobody changed it meanwhile)."""
        if key.startswith(LOCAL_PREFIX):
            name = key.removeprefix(LOCAL_PREFIX)
            done = self.store.delete(name)
        else:
            info = self._server.get(key.removeprefix(SERVER_PREFIX))
            if info is None:
                return False
            name = info.name
            try:
                await self.rest.delete_layout(info.id, info.version)
            except (ApiError, BackendUnreachable) as exc:
                await self.refresh()
                self._say(self.tr("Preset not deleted: %1").replace("%1", str(exc)), error=True)
                return False
            done = True
        await self.refresh()
        if done:
            self._say(self.tr("Preset %1 deleted").replace("%1", name))
        return done

    async def aclose(self) -> None:
        await self._tasks.cancel_all()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
