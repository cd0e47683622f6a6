"""The login dialog: server URL, user and password."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class LoginDialog(QDialog):
    """Collects credentials; the caller opens it with ``open()`` and listens to ``finished``."""

    def __init__(self, server_url: str, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("IOC console — sign in"))
        self.server_edit = QLineEdit(server_url)
        self.user_edit = QLineEdit(username)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel("")
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.server_edit)
        form.addRow(self.tr("User"), self.user_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        (self.password_edit if username else self.user_edit).setFocus()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)

    def credentials(self) -> tuple[str, str, str]:
        return (
            self.server_edit.text().strip(),
            self.user_edit.text().strip(),
            self.password_edit.text(),
        )
