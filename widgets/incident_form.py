"""The incident form: what happened, where, how urgent, what it is linked to, who goes.

A view only. The console fills the choices (categories with their default process group and the
unit kinds they need, wards, units) and a draft (:class:`IncidentDraft`, pre-filled from an
alert, a field report or a hotline call, or empty); the form validates what the operator typed
with clear messages and emits ``submitted(draft)``. Every edit is announced (debounced) through
``draft_changed(draft)`` so that the console can keep the draft safe from a crash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.alert_detail import SnapshotView

DRAFT_DEBOUNCE_MS: Final = 400
TITLE_MAX: Final = 200
DESCRIPTION_MAX: Final = 4000
ANY_KIND: Final = ""
NEEDED_KINDS: Final = "@needed"
UNIT_ID_ROLE: Final = Qt.ItemDataRole.UserRole + 40
LINK_ROLE: Final = Qt.ItemDataRole.UserRole + 41
ATTACHMENT_ROLE: Final = Qt.ItemDataRole.UserRole + 42
THUMB_SIZE: Final = QSize(112, 63)


@dataclass(frozen=True)
class Choice:
    """A value and the translated label the operator sees."""

    value: str
    label: str


@dataclass(frozen=True)
class CategoryChoice:
    """A category with its usual process group and the unit kinds it usually needs."""

    value: str
    label: str
    process_group: str
    unit_kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitChoice:
    """A dispatchable unit; a busy one cannot be chosen."""

    id: str
    name: str
    kind: str
    kind_label: str
    ward_id: str
    busy: bool = False


@dataclass
class IncidentDraft:
    """Everything the form holds; plain JSON values so that it can be saved as it is typed."""

    title: str = ""
    category: str = ""
    process_group: str = ""
    priority: str = "medium"
    ward_id: str = ""
    address: str = ""
    lat: float | None = None
    lon: float | None = None
    description: str = ""
    camera_id: str = ""
    # What the incident comes from (shown above the form), already translated.
    source: str = ""
    # Attachments, each a dict with a ``label`` and one of: ``alert_id`` (that alert's snapshot,
    # which the backend stores), ``path`` (a local JPEG/PNG: a file, a tile snapshot, uploaded
    # when the incident is sent) or ``url`` (elsewhere, e.g. the citizen's photo: only named).
    attachments: list[dict[str, Any]] = field(default_factory=list)
    alert_ids: list[int] = field(default_factory=list)
    field_report_ids: list[int] = field(default_factory=list)
    hotline_call_ids: list[int] = field(default_factory=list)
    unit_ids: list[str] = field(default_factory=list)
    # True once the operator picked a process group himself (a new category then keeps it).
    group_chosen: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> IncidentDraft:
        """A draft from saved JSON; unknown keys are ignored, broken values reset."""
        known = {f.name for f in fields(cls)}
        draft = cls()
        for name, value in raw.items():
            if name in known and isinstance(value, type(getattr(draft, name)) | None):
                setattr(draft, name, value)
        for name in ("lat", "lon"):
            value = raw.get(name)
            setattr(draft, name, float(value) if isinstance(value, int | float) else None)
        draft.attachments = [
            a for a in (_attachment(x) for x in draft.attachments) if a is not None
        ]
        return draft


def _attachment(raw: object) -> dict[str, Any] | None:
    """An attachment entry from saved JSON; a draft saved before entries were dicts held
    ``[label, url]`` pairs."""
    if isinstance(raw, list | tuple) and len(raw) == 2 and all(isinstance(x, str) for x in raw):
        return {"label": raw[0], "url": raw[1]}
    if not isinstance(raw, dict) or not isinstance(raw.get("label", ""), str):
        return None
    if isinstance(raw.get("alert_id"), int) or isinstance(raw.get("path"), str):
        return dict(raw)
    if isinstance(raw.get("url"), str):
        return dict(raw)
    return None


def attachment_key(entry: dict[str, Any]) -> str:
    """What identifies an attachment of a draft (``alert:12``, ``file:/path``, ``url:…``)."""
    if isinstance(entry.get("alert_id"), int):
        return f"alert:{entry['alert_id']}"
    if entry.get("path"):
        return f"file:{entry['path']}"
    return f"url:{entry.get('url', '')}"


class IncidentFormWidget(QWidget):
    """Create an incident. Emits ``submitted(IncidentDraft)`` when the input is valid."""

    submitted = Signal(object)
    draft_changed = Signal(object)
    discard_requested = Signal()
    close_requested = Signal()
    location_pick_requested = Signal()
    # The operator wants the selected wall tile's picture attached.
    tile_snapshot_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._categories: dict[str, CategoryChoice] = {}
        self._units: list[UnitChoice] = []
        self._loading = False
        self._draft = IncidentDraft()

        self.source_label = QLabel("")
        self.source_label.setWordWrap(True)
        self.source_label.setStyleSheet("font-weight: bold")
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(TITLE_MAX + 50)  # longer input is reported, not cut
        self.title_edit.setPlaceholderText(self.tr("What happened, where"))
        self.category_combo = QComboBox()
        self.group_combo = QComboBox()
        self.group_hint = QLabel("")
        self.group_hint.setStyleSheet("color: #7f8c8d")
        self.priority_combo = QComboBox()
        self.ward_combo = QComboBox()
        self.address_edit = QLineEdit()
        self.address_edit.setPlaceholderText(self.tr("Street address or landmark"))
        self.lat_edit = QLineEdit()
        self.lat_edit.setPlaceholderText(self.tr("latitude"))
        self.lon_edit = QLineEdit()
        self.lon_edit.setPlaceholderText(self.tr("longitude"))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setMaximumHeight(90)
        self.snapshot = SnapshotView()
        self.snapshot.setMinimumSize(160, 90)
        self.snapshot.setMaximumHeight(140)
        self.snapshot.setVisible(False)
        # The attachments strip: a thumbnail per attachment, left to right.
        self.attachments_list = QListWidget()
        self.attachments_list.setViewMode(QListView.ViewMode.IconMode)
        self.attachments_list.setFlow(QListView.Flow.LeftToRight)
        self.attachments_list.setWrapping(False)
        self.attachments_list.setIconSize(THUMB_SIZE)
        self.attachments_list.setMovement(QListView.Movement.Static)
        self.attachments_list.setFixedHeight(THUMB_SIZE.height() + 44)
        self.add_file_button = QPushButton(self.tr("Add image…"))
        self.add_file_button.setToolTip(self.tr("Attach a JPEG or PNG file"))
        self.add_tile_button = QPushButton(self.tr("Add tile snapshot"))
        self.add_tile_button.setToolTip(self.tr("Attach the picture of the selected wall tile"))
        self.remove_attachment_button = QPushButton(self.tr("Remove"))
        self._file_dialog: QFileDialog | None = None
        self._thumbs: dict[str, QPixmap] = {}
        self.links_list = QListWidget()
        self.links_list.setMaximumHeight(70)
        self.unlink_button = QPushButton(self.tr("Remove link"))
        self.kind_combo = QComboBox()
        self.all_wards_check = QCheckBox(self.tr("Units of every ward"))
        self.units_list = QListWidget()
        self.units_list.setMinimumHeight(90)
        self.error_label = QLabel("")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b")
        self.submit_button = QPushButton(self.tr("Create incident"))
        self.submit_button.setDefault(True)
        self.discard_button = QPushButton(self.tr("Discard draft"))
        self.close_button = QPushButton(self.tr("Close (keep draft)"))

        self.pick_button = QPushButton(self.tr("Pick on map"))
        self.pick_button.setToolTip(self.tr("Click the place on the city map"))
        self.pick_button.clicked.connect(self.location_pick_requested)
        coords = QHBoxLayout()
        coords.addWidget(self.lat_edit)
        coords.addWidget(self.lon_edit)
        coords.addWidget(self.pick_button)
        group_row = QHBoxLayout()
        group_row.addWidget(self.group_combo, 1)
        group_row.addWidget(self.group_hint)
        attach_buttons = QVBoxLayout()
        attach_buttons.addWidget(self.add_file_button)
        attach_buttons.addWidget(self.add_tile_button)
        attach_buttons.addWidget(self.remove_attachment_button)
        attach_buttons.addStretch(1)
        attach_row = QHBoxLayout()
        attach_row.addWidget(self.attachments_list, 1)
        attach_row.addLayout(attach_buttons)
        links_row = QHBoxLayout()
        links_row.addWidget(self.links_list, 1)
        links_row.addWidget(self.unlink_button, 0, Qt.AlignmentFlag.AlignTop)
        unit_filter = QHBoxLayout()
        unit_filter.addWidget(self.kind_combo, 1)
        unit_filter.addWidget(self.all_wards_check)

        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Category"), self.category_combo)
        form.addRow(self.tr("Process group"), group_row)
        form.addRow(self.tr("Priority"), self.priority_combo)
        form.addRow(self.tr("Ward"), self.ward_combo)
        form.addRow(self.tr("Address"), self.address_edit)
        form.addRow(self.tr("Coordinates"), coords)
        form.addRow(self.tr("Description"), self.description_edit)
        form.addRow(self.tr("Attachments"), attach_row)
        form.addRow("", self.snapshot)
        form.addRow(self.tr("Linked"), links_row)
        form.addRow(self.tr("Units to dispatch"), unit_filter)
        form.addRow("", self.units_list)

        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source_label)
        layout.addLayout(form, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DRAFT_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        for edit in (self.title_edit, self.address_edit, self.lat_edit, self.lon_edit):
            edit.textEdited.connect(self._on_input_changed)
        self.description_edit.textChanged.connect(self._on_input_changed)
        self.priority_combo.activated.connect(self._on_input_changed)
        self.category_combo.currentIndexChanged.connect(self._on_category_combo_changed)
        self.group_combo.activated.connect(self._on_group_combo_activated)
        self.ward_combo.currentIndexChanged.connect(self._on_ward_combo_changed)
        self.kind_combo.currentIndexChanged.connect(self._refill_units)
        self.all_wards_check.toggled.connect(self._refill_units)
        self.units_list.itemChanged.connect(self._on_units_item_changed)
        self.unlink_button.clicked.connect(self._on_unlink_button_clicked)
        self.submit_button.clicked.connect(self._on_submit_button_clicked)
        self.discard_button.clicked.connect(self.discard_requested)
        self.close_button.clicked.connect(self.close_requested)
        self.add_file_button.clicked.connect(self._on_add_file_button_clicked)
        self.add_tile_button.clicked.connect(self.tile_snapshot_requested)
        self.remove_attachment_button.clicked.connect(self._on_remove_attachment_button_clicked)

    # -- filling ------------------------------------------------------------------------------

    def set_choices(
        self,
        categories: Sequence[CategoryChoice],
        groups: Sequence[Choice],
        priorities: Sequence[Choice],
        wards: Sequence[Choice],
        unit_kinds: Sequence[Choice],
    ) -> None:
        """The taxonomy and the places; keeps what the form shows."""
        self._loading = True
        try:
            self._categories = {c.value: c for c in categories}
            _fill(self.category_combo, [Choice("", self.tr("— choose a category —"))])
            for c in categories:
                self.category_combo.addItem(c.label, c.value)
            _fill(self.group_combo, groups)
            _fill(self.priority_combo, priorities)
            _fill(self.ward_combo, [Choice("", self.tr("— choose a ward —")), *wards])
            _fill(
                self.kind_combo,
                [
                    Choice(NEEDED_KINDS, self.tr("Kinds this category needs")),
                    Choice(ANY_KIND, self.tr("Every kind")),
                    *unit_kinds,
                ],
            )
        finally:
            self._loading = False
        self.load(self._draft)

    def set_units(self, units: Sequence[UnitChoice]) -> None:
        self._units = list(units)
        self._refill_units()

    def load(self, draft: IncidentDraft) -> None:
        """Show ``draft`` (a new form, a restored draft, or one pre-filled from a source)."""
        self._loading = True
        try:
            self._draft = IncidentDraft.from_dict(draft.to_dict())
            d = self._draft
            self.source_label.setText(d.source)
            self.source_label.setVisible(bool(d.source))
            self.title_edit.setText(d.title)
            _select(self.category_combo, d.category)
            _select(self.group_combo, d.process_group or self._default_group(d.category))
            _select(self.priority_combo, d.priority)
            _select(self.ward_combo, d.ward_id)
            self.address_edit.setText(d.address)
            self.lat_edit.setText("" if d.lat is None else f"{d.lat:.6f}")
            self.lon_edit.setText("" if d.lon is None else f"{d.lon:.6f}")
            self.description_edit.setPlainText(d.description)
            self._refill_attachments()
            self._refill_links()
            self._update_group_hint()
        finally:
            self._loading = False
        self._refill_units()
        self.error_label.setText("")

    def set_location(self, lat: float, lon: float) -> None:
        """Coordinates picked on the map (the draft follows through the edits' signals)."""
        self.lat_edit.setText(f"{lat:.6f}")
        self.lon_edit.setText(f"{lon:.6f}")

    def set_snapshot(self, data: bytes | None, alert_id: int | None = None) -> None:
        """The alert snapshot's image (None hides the preview); with ``alert_id`` it is also
        the thumbnail of that alert's attachment."""
        image = QImage.fromData(data) if data else None
        shown = image is not None and not image.isNull()
        self.snapshot.setVisible(shown)
        self.snapshot.set_image(image if shown else None)
        if shown and image is not None and alert_id is not None:
            self.set_thumbnail(f"alert:{alert_id}", image)

    def set_thumbnail(self, key: str, image: QImage) -> None:
        """The picture of attachment ``key`` (see :func:`attachment_key`) in the strip."""
        self._thumbs[key] = QPixmap.fromImage(image).scaled(
            THUMB_SIZE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self._refill_attachments()

    def add_attachment(self, label: str, path: str) -> bool:
        """Attach a local JPEG or PNG (a chosen file, a tile snapshot); False if unreadable."""
        image = QImage(path)
        if image.isNull():
            self.error_label.setText(
                self.tr("Not an image this console can read: %1").replace("%1", path)
            )
            return False
        entry = {"label": label, "path": path}
        key = attachment_key(entry)
        if all(attachment_key(a) != key for a in self._draft.attachments):
            self._draft.attachments.append(entry)
        self.set_thumbnail(key, image)
        self._changed()
        return True

    def attachment_keys(self) -> list[str]:
        return [attachment_key(a) for a in self._draft.attachments]

    def set_busy(self, busy: bool) -> None:
        """While the console sends the incident: no second submit."""
        self.submit_button.setEnabled(not busy)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)

    # -- reading ------------------------------------------------------------------------------

    def draft(self) -> IncidentDraft:
        """What the form holds now (coordinates that do not parse are left out)."""
        d = IncidentDraft.from_dict(self._draft.to_dict())
        d.title = self.title_edit.text()
        d.category = str(self.category_combo.currentData() or "")
        d.process_group = str(self.group_combo.currentData() or "")
        d.priority = str(self.priority_combo.currentData() or "medium")
        d.ward_id = str(self.ward_combo.currentData() or "")
        d.address = self.address_edit.text()
        d.lat = _number(self.lat_edit.text())
        d.lon = _number(self.lon_edit.text())
        d.description = self.description_edit.toPlainText()
        return d

    def validate(self) -> list[str]:
        """Every problem with the input, as the operator should read it; empty when valid."""
        problems: list[str] = []
        title = self.title_edit.text().strip()
        if not title:
            problems.append(self.tr("Give the incident a title."))
        elif len(title) > TITLE_MAX:
            problems.append(
                self.tr("The title is too long: at most %1 characters.").replace(
                    "%1", str(TITLE_MAX)
                )
            )
        if not self.category_combo.currentData():
            problems.append(self.tr("Choose a category."))
        if not self.ward_combo.currentData():
            problems.append(self.tr("Choose the ward where it happens."))
        lat_text, lon_text = self.lat_edit.text().strip(), self.lon_edit.text().strip()
        lat, lon = _number(lat_text), _number(lon_text)
        if bool(lat_text) != bool(lon_text):
            problems.append(self.tr("Give both coordinates, or neither."))
        if lat_text and (lat is None or not -90 <= lat <= 90):
            problems.append(self.tr("Latitude must be a number between -90 and 90."))
        if lon_text and (lon is None or not -180 <= lon <= 180):
            problems.append(self.tr("Longitude must be a number between -180 and 180."))
        if len(self.description_edit.toPlainText()) > DESCRIPTION_MAX:
            problems.append(
                self.tr("The description is too long: at most %1 characters.").replace(
                    "%1", str(DESCRIPTION_MAX)
                )
            )
        return problems

    # -- internals ----------------------------------------------------------------------------

    def _default_group(self, category: str) -> str:
        rule = self._categories.get(category)
        return rule.process_group if rule else ""

    def _update_group_hint(self) -> None:
        default = self._default_group(str(self.category_combo.currentData() or ""))
        index = self.group_combo.findData(default) if default else -1
        self.group_hint.setText(
            self.tr("usual: %1").replace("%1", self.group_combo.itemText(index))
            if index >= 0
            else ""
        )

    def _refill_attachments(self) -> None:
        self.attachments_list.clear()
        for entry in self._draft.attachments:
            key = attachment_key(entry)
            item = QListWidgetItem(str(entry.get("label") or key))
            item.setData(ATTACHMENT_ROLE, key)
            item.setToolTip(str(entry.get("path") or entry.get("url") or entry.get("label", "")))
            thumb = self._thumbs.get(key)
            if thumb is None and entry.get("path"):
                image = QImage(str(entry["path"]))
                if not image.isNull():
                    thumb = QPixmap.fromImage(image).scaled(
                        THUMB_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )  # fmt: skip
                    self._thumbs[key] = thumb
            if thumb is not None:
                item.setIcon(QIcon(thumb))
            self.attachments_list.addItem(item)
        self.remove_attachment_button.setEnabled(bool(self._draft.attachments))

    def _on_add_file_button_clicked(self) -> None:
        # Non-modal (open(), never exec()): the console keeps running behind it.
        dialog = QFileDialog(self, self.tr("Attach an image"))
        dialog.setNameFilter(self.tr("Images (*.jpg *.jpeg *.png)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self._on_file_dialog_file_selected)
        dialog.finished.connect(dialog.deleteLater)
        self._file_dialog = dialog
        dialog.open()

    def _on_file_dialog_file_selected(self, path: str) -> None:
        self.add_attachment(Path(path).name, path)

    def _on_remove_attachment_button_clicked(self) -> None:
        item = self.attachments_list.currentItem()
        if item is None:
            return
        key = item.data(ATTACHMENT_ROLE)
        self._draft.attachments = [a for a in self._draft.attachments if attachment_key(a) != key]
        self._refill_attachments()
        self._changed()

    def _refill_links(self) -> None:
        self.links_list.clear()
        d = self._draft
        entries = [
            *((self.tr("Alert #%1").replace("%1", str(i)), ("alert", i)) for i in d.alert_ids),
            *(
                (self.tr("Field report #%1").replace("%1", str(i)), ("field_report", i))
                for i in d.field_report_ids
            ),
            *(
                (self.tr("Hotline call #%1").replace("%1", str(i)), ("hotline_call", i))
                for i in d.hotline_call_ids
            ),
        ]
        for text, link in entries:
            item = QListWidgetItem(text)
            item.setData(LINK_ROLE, link)
            self.links_list.addItem(item)
        if not entries:
            self.links_list.addItem(self.tr("Nothing linked"))
        self.unlink_button.setEnabled(bool(entries))

    def visible_units(self) -> list[UnitChoice]:
        """The units offered for the current ward and kind filter."""
        ward = str(self.ward_combo.currentData() or "")
        kind = self.kind_combo.currentData()
        if kind == NEEDED_KINDS:
            rule = self._categories.get(str(self.category_combo.currentData() or ""))
            kinds: set[str] | None = set(rule.unit_kinds) if rule and rule.unit_kinds else None
        else:
            kinds = {str(kind)} if kind else None
        chosen = set(self._draft.unit_ids)
        return [
            u
            for u in self._units
            if u.id in chosen
            or (
                (self.all_wards_check.isChecked() or not ward or u.ward_id == ward)
                and (kinds is None or u.kind in kinds)
            )
        ]

    def _refill_units(self, *_args: object) -> None:
        if self._loading:
            return
        self._loading = True
        try:
            self.units_list.clear()
            chosen = set(self._draft.unit_ids)
            for unit in self.visible_units():
                text = f"{unit.name} · {unit.kind_label}"
                if unit.busy:
                    text += " · " + self.tr("busy")
                item = QListWidgetItem(text)
                item.setData(UNIT_ID_ROLE, unit.id)
                flags = Qt.ItemFlag.ItemIsUserCheckable
                if not unit.busy or unit.id in chosen:
                    flags |= Qt.ItemFlag.ItemIsEnabled
                item.setFlags(flags)
                item.setCheckState(
                    Qt.CheckState.Checked if unit.id in chosen else Qt.CheckState.Unchecked
                )
                self.units_list.addItem(item)
            if not self.units_list.count():
                self.units_list.addItem(self.tr("No unit matches: widen the filter"))
        finally:
            self._loading = False

    def _changed(self) -> None:
        if not self._loading:
            self._debounce.start()

    def _on_input_changed(self, *_args: object) -> None:
        self._changed()

    def _on_category_combo_changed(self, _index: int) -> None:
        if self._loading:
            return
        if not self._draft.group_chosen:
            _select(self.group_combo, self._default_group(str(self.category_combo.currentData())))
        self._update_group_hint()
        self._refill_units()
        self._changed()

    def _on_group_combo_activated(self, _index: int) -> None:
        self._draft.group_chosen = True
        self._changed()

    def _on_ward_combo_changed(self, _index: int) -> None:
        if self._loading:
            return
        self._refill_units()
        self._changed()

    def _on_units_item_changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        unit_id = item.data(UNIT_ID_ROLE)
        if not unit_id:
            return
        ids = [u for u in self._draft.unit_ids if u != unit_id]
        if item.checkState() == Qt.CheckState.Checked:
            ids.append(str(unit_id))
        self._draft.unit_ids = ids
        self._changed()

    def _on_unlink_button_clicked(self) -> None:
        item = self.links_list.currentItem()
        link = item.data(LINK_ROLE) if item is not None else None
        if not link:
            return
        kind, ident = link
        target = {
            "alert": self._draft.alert_ids,
            "field_report": self._draft.field_report_ids,
            "hotline_call": self._draft.hotline_call_ids,
        }[kind]
        if ident in target:
            target.remove(ident)
        self._refill_links()
        self._changed()

    def _on_debounce_timeout(self) -> None:
        self.draft_changed.emit(self.draft())

    def _on_submit_button_clicked(self) -> None:
        problems = self.validate()
        if problems:
            self.error_label.setText("\n".join(problems))
            return
        self.error_label.setText("")
        self._debounce.stop()
        self.submitted.emit(self.draft())


def _fill(combo: QComboBox, choices: Sequence[Choice]) -> None:
    combo.clear()
    for c in choices:
        combo.addItem(c.label, c.value)


def _select(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


def _number(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


class IncidentFormDialog(QDialog):
    """The form in a non-modal window (``show()``, never ``exec()``); closing keeps the draft."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New incident"))
        self.setModal(False)
        self.form = IncidentFormWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        self.form.close_requested.connect(self.hide)
        self.resize(560, 760)
