"""The incident desk: the board over the open incident, the field-report inbox, the hotline log.

A view only (a composition of the incident widgets in tabs) for the main window's dock.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QWidget

from widgets.field_report_inbox import FieldReportInboxWidget, HotlineLogWidget
from widgets.incident_board import IncidentBoardWidget
from widgets.incident_detail import IncidentDetailWidget


class IncidentDeskWidget(QTabWidget):
    """Tabs: incidents (board and detail), field reports, hotline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board = IncidentBoardWidget()
        self.detail = IncidentDetailWidget()
        self.reports = FieldReportInboxWidget()
        self.hotline = HotlineLogWidget()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.board)
        split.addWidget(self.detail)
        split.setSizes([700, 500])
        self.addTab(split, self.tr("Incidents"))
        self.addTab(self.reports, self.tr("Field reports"))
        self.addTab(self.hotline, self.tr("Hotline 1900 1075"))
