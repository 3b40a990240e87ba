"""發送選項 / Options: the relay's EmailOptions (manual §7, Appendix A) for the next message.

Everything on this tab is generated from the catalog (omidesk.core.options): a titled box per
header group with a checkbox per flag and a choice per masked value, the §7.1 value headers,
the §7.2 presets, a decoder for any table, and a live preview of the X-headers that will be
sent (widgets/option_preview.py). The tab keeps two OptionSets:

- the account's defaults (manual §7.1: the account's settings, overridable per message), given
  with set_defaults();
- the message's overrides: a group or field is present only once the user touched it here, and
  a present key wins even at 0 or empty (OptionSet.over()).

The widgets always display effective() = options().over(defaults). The session holds both:
the profile's defaults come from it, and every change made here goes to it (with the first
field that cannot be sent, which stops the send paths).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import ValidationError
from ...core.options import (
    FieldKind,
    OptionSet,
    Preset,
    find_group,
    header_groups,
    presets,
    value_fields,
)
from ..i18n import pick, with_colon
from ..lean import no_tab_stop
from ..session import Session

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime
from ..widgets.option_fields import DateTimeFieldEditor, TextFieldEditor
from ..widgets.option_preview import HeaderPreview
from ..widgets.option_reference import CollapsibleSection, OptionDecoder, ReferenceTree
from ..widgets.option_widgets import (
    GroupEditor, StatusMarker, fixed_font, help_of, keep_room, label_of, mnemonic_safe,
)


def _machine_now() -> datetime:
    from datetime import datetime

    return datetime.now().astimezone()


def _copy(options: OptionSet) -> OptionSet:
    return OptionSet(dict(options.numbers), dict(options.values))


def _checked_copy(options: OptionSet) -> OptionSet:
    """A copy that went through the core's checks: raises ValidationError here, at the caller,
    rather than later while the tab draws (e.g. a header value holding a line break)."""
    return OptionSet.from_dict(options.to_dict())


class OptionsTab(QWidget):
    """The Options tab. Public API:

    - changed: emitted whenever the user changes something here (a box, a field, a preset,
      a reset). Not emitted by set_defaults() or set_options().
    - set_defaults(options): the account's defaults; the overrides made here are kept.
      set_defaults() and set_options() raise ValidationError for a value the core refuses.
    - defaults(): a copy of them.
    - options(): the message-level overrides only (a copy).
    - set_options(options): replace the overrides (e.g. from a saved draft).
    - effective(): options().over(defaults()) — what travels with the next message.
    - reset_to_defaults(): drop every override.
    - errors(): {field key: ValidationError} for value fields whose text cannot be sent; such a
      field is not in options() until corrected. validate() raises the first one.
    """

    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 now: Callable[[], datetime] | None = None) -> None:
        """now: the clock (an aware datetime) the checks and the pickers' suggestions read;
        the machine's by default (tests give their own)."""
        super().__init__(parent)
        self.session = session
        self.now = now or _machine_now
        self.setObjectName("options_tab")
        self._defaults = OptionSet()
        self._overrides = OptionSet()
        self._errors: dict[str, ValidationError] = {}
        self._problems: list[ValidationError] = []  # the core's checks of effective()
        self._updating = False
        # A start or an expiry passes while the tab is open: its check is run again.
        self._clock = QTimer(self)
        self._clock.setInterval(30_000)
        self._clock.timeout.connect(self._clock_tick)

        self.group_editors: dict[str, GroupEditor] = {}
        self.field_editors: dict[str, TextFieldEditor | DateTimeFieldEditor] = {}
        self.preset_buttons: dict[str, QPushButton] = {}
        self._field_labels: dict[str, QLabel] = {}
        self._field_markers: dict[str, StatusMarker] = {}
        self._field_resets: dict[str, QPushButton] = {}

        outer = QVBoxLayout(self)
        outer.addLayout(self._build_top())
        self.scroll_area = self._build_content()
        side = self._build_side()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.scroll_area)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([650, 350])
        outer.addWidget(self.splitter, 1)

        self.retranslate()
        self._refresh()
        self._account_changed()
        self.set_options(session.message_options)
        session.account_changed.connect(self._account_changed)
        session.options_changed.connect(self._session_options_changed)
        self.changed.connect(self._publish)

    def _build_top(self) -> QHBoxLayout:
        """What this tab is, and the reset."""
        top = QHBoxLayout()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        top.addWidget(self.intro, 1)
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("reset_all")
        self.reset_button.clicked.connect(self.reset_to_defaults_by_user)
        top.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignTop)
        return top

    def _build_content(self) -> QScrollArea:
        """Presets, value fields, groups, reference: the left side, which scrolls."""
        content = QWidget()
        content.setObjectName("options_content")
        column = QVBoxLayout(content)
        column.addWidget(self._build_presets())
        column.addWidget(self._build_fields())
        for group in header_groups():
            editor = GroupEditor(group)
            editor.number_edited.connect(
                lambda value, key=group.key: self._number_edited(key, value))
            editor.reset_requested.connect(lambda key=group.key: self._clear_by_user(key))
            self.group_editors[group.key] = editor
            column.addWidget(editor)
        self.reference_note = QLabel()
        self.reference_note.setWordWrap(True)
        reference_body = QWidget()
        reference_layout = QVBoxLayout(reference_body)
        reference_layout.setContentsMargins(0, 0, 0, 0)
        reference_layout.addWidget(self.reference_note)
        self.reference_tree = ReferenceTree()
        reference_layout.addWidget(self.reference_tree)
        self.reference = CollapsibleSection(reference_body)
        self.reference.setObjectName("reference_section")
        column.addWidget(self.reference)
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setObjectName("options_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        no_tab_stop(scroll)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setWidget(content)
        return scroll

    def _build_side(self) -> QWidget:
        """The live preview and the decoder, on the right."""
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.preview_box = HeaderPreview()
        box = self.preview_box
        self.preview, self.copy_button = box.preview, box.copy_button
        self.zero_note, self.pending = box.zero_note, box.pending
        side_layout.addWidget(self.preview_box)
        self.decoder = OptionDecoder()
        side_layout.addWidget(self.decoder, 1)
        return side

    # -- the session -----------------------------------------------------------------------------
    def _account_changed(self) -> None:
        account = self.session.account
        self.set_defaults(account.options if account is not None else OptionSet())

    def _session_options_changed(self) -> None:
        if self.session.message_options != self._overrides:  # changed elsewhere: e.g. they
            self.set_options(self.session.message_options)  # became the profile's defaults

    def _publish(self) -> None:
        self.session.set_message_options(self._overrides, self.first_error())

    def first_error(self) -> ValidationError | None:
        """A field whose text cannot be sent, else the first thing the core refuses in what
        would be sent (an undefined value, flags that conflict, the schedule)."""
        typed = next((self._errors[f.key] for f in value_fields() if f.key in self._errors),
                     None)
        return typed if typed is not None else next(iter(self._problems), None)

    def problems(self) -> list[ValidationError]:
        """What the core refuses in effective(), at this moment (OptionSet.problems)."""
        return list(self._problems)

    def _clock_tick(self) -> None:
        before = [(p.code, p.field) for p in self._problems]
        self._refresh()
        if [(p.code, p.field) for p in self._problems] != before:
            self._publish()

    # -- building --------------------------------------------------------------------------------
    def _build_presets(self) -> QGroupBox:
        self.presets_box = QGroupBox()
        self.presets_box.setObjectName("presets")
        grid = QGridLayout(self.presets_box)
        self.presets_help = QLabel()
        self.presets_help.setWordWrap(True)
        grid.addWidget(self.presets_help, 0, 0, 1, 3)
        for index, preset in enumerate(presets()):
            button = QPushButton()
            button.setObjectName(f"preset_{preset.key}")
            button.clicked.connect(lambda _checked=False, p=preset: self.apply_preset(p))
            self.preset_buttons[preset.key] = button
            grid.addWidget(button, 1 + index // 3, index % 3)
        for col in range(3):
            grid.setColumnStretch(col, 1)
        return self.presets_box

    def _build_fields(self) -> QGroupBox:
        self.fields_box = QGroupBox()
        self.fields_box.setObjectName("value_fields")
        grid = QGridLayout(self.fields_box)
        grid.setColumnStretch(1, 1)
        row = 0
        for field in value_fields():
            editor: TextFieldEditor | DateTimeFieldEditor
            if field.kind is FieldKind.DATETIME:
                editor = DateTimeFieldEditor(field, now=self.now)
                editor.moment_edited.connect(lambda moment, key=field.key:
                                             self._value_edited(key, moment))
            else:
                editor = TextFieldEditor(field)
                editor.text_edited.connect(
                    lambda text, key=field.key: self._value_edited(key, text))
            label = QLabel()
            label.setBuddy(editor.focus_widget())
            header = QLabel(field.header)
            header.setFont(fixed_font())
            header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            names = QVBoxLayout()
            names.setSpacing(0)
            names.addWidget(label)
            names.addWidget(header)
            marker = StatusMarker()
            reset = QPushButton()
            reset.setObjectName(f"reset_{field.key}")
            keep_room(reset)
            reset.clicked.connect(lambda _checked=False, key=field.key: self._clear_by_user(key))
            state = QHBoxLayout()  # side by side: the row is no taller than its field
            state.setSpacing(6)
            state.addWidget(marker, 0, Qt.AlignmentFlag.AlignVCenter)
            state.addWidget(reset, 0, Qt.AlignmentFlag.AlignVCenter)
            grid.addLayout(names, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(editor, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addLayout(state, row, 2, Qt.AlignmentFlag.AlignTop)
            self.field_editors[field.key] = editor
            self._field_labels[field.key] = label
            self._field_markers[field.key] = marker
            self._field_resets[field.key] = reset
            row += 1
        self.fields_note = QLabel()
        self.fields_note.setWordWrap(True)
        grid.addWidget(self.fields_note, row, 0, 1, 3)
        return self.fields_box

    # -- texts -----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set every text again in the current UI language (i18n.current_lang() and the
        installed translator). Also run on a LanguageChange event."""
        self.intro.setText(self.tr(
            "These options travel with the next message as X-headers (manual §7). The boxes "
            "show what will be sent: your account's defaults plus the changes made here."))
        self.reset_button.setText(self.tr("&Reset to account defaults"))
        self.reset_button.setAccessibleName(self.tr("Reset to account defaults"))
        self.reset_button.setToolTip(self.tr(
            "Forget the changes made on this tab; the account's default options apply again."))
        self.presets_box.setTitle(self.tr("Quick settings (manual §7.2)"))
        self.presets_help.setText(self.tr(
            "One click adds the setting to what is already ticked."))
        for preset in presets():
            button = self.preset_buttons[preset.key]
            button.setText(mnemonic_safe(label_of(preset)))
            button.setAccessibleName(label_of(preset))
            button.setAccessibleDescription(help_of(preset))
            button.setToolTip(f"{help_of(preset)}\n{self._preset_lines(preset)}")
        self.fields_box.setTitle(self.tr("Job (manual §7.1)"))
        for field in value_fields():
            self._field_labels[field.key].setText(with_colon(label_of(field)))
            self._field_labels[field.key].setToolTip(help_of(field))
            self._field_markers[field.key].setText(self.tr("changed"))
            self._field_markers[field.key].setToolTip(
                self.tr("Differs from the account's default for this message"))
            reset = self._field_resets[field.key]
            reset.setText(self.tr("Use default"))
            reset.setAccessibleName(
                self.tr("Use the account's default for {0}").format(label_of(field)))
            self.field_editors[field.key].retranslate()
        self.fields_note.setText(self.tr(
            "Times are picked and sent as Taiwan time (UTC+08:00), the relay's clock, whatever "
            "this computer's time zone; they are sent as yyyy-MM-dd HH:mm:ss."))
        for editor in self.group_editors.values():
            editor.retranslate()
        self.reference.toggle.setText(self.tr("Reference: other tables of Appendix A"))
        self.reference.toggle.setAccessibleName(self.tr("Show the other tables of Appendix A"))
        self.reference_note.setText(self.tr(
            "These tables are not sent as headers; they are listed here to read numbers the "
            "relay shows elsewhere. The decoder reads any of them."))
        self.reference_tree.retranslate()
        self.preview_box.retranslate()
        self.decoder.retranslate()
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _preset_lines(self, preset: Preset) -> str:
        return "\n".join(f"{find_group(key).header}: {value}"
                         for key, value in preset.values.items())

    # -- public API ------------------------------------------------------------------------------
    def set_defaults(self, options: OptionSet) -> None:
        self._defaults = _checked_copy(options)
        self._refresh()

    def defaults(self) -> OptionSet:
        return _copy(self._defaults)

    def options(self) -> OptionSet:
        return _copy(self._overrides)

    def set_options(self, options: OptionSet) -> None:
        self._overrides = _checked_copy(options)
        self._errors.clear()
        self._refresh()
        self._publish()

    def effective(self) -> OptionSet:
        return self._overrides.over(self._defaults)

    def errors(self) -> dict[str, ValidationError]:
        return dict(self._errors)

    def validate(self) -> None:
        """Raise the first field error (the send path refuses to send while one is shown)."""
        error = self.first_error()
        if error is not None:
            raise error

    def reset_to_defaults(self) -> None:
        self._overrides = OptionSet()
        self._errors.clear()
        self._refresh()
        self._publish()

    def apply_preset(self, preset: Preset | str) -> None:
        """OR the preset into the effective numbers (OptionSet.apply_preset), as overrides."""
        if isinstance(preset, str):
            preset = next(p for p in presets() if p.key == preset)
        effective = self.effective()
        trial = OptionSet({key: effective.number(key) for key in preset.values})
        trial.apply_preset(preset)
        self._overrides.numbers.update(trial.numbers)
        self._user_changed()

    def preview_text(self) -> str:
        return self.preview_box.text()

    # -- user input ------------------------------------------------------------------------------
    def reset_to_defaults_by_user(self) -> None:
        self.reset_to_defaults()
        self.changed.emit()

    def _user_changed(self, skip: str | None = None) -> None:
        self._refresh(skip=skip)
        self.changed.emit()

    def _number_edited(self, key: str, value: int) -> None:
        self._overrides.set_number(key, value)
        self._user_changed()

    def _value_edited(self, key: str, value: str | datetime | None) -> None:
        try:
            self._overrides.set_value(key, value)
        except ValidationError as err:
            self._overrides.values.pop(key, None)  # invalid text never reaches options()
            self._errors[key] = err
        else:
            self._errors.pop(key, None)
        self._user_changed(skip=key)

    def _clear_by_user(self, key: str) -> None:
        self._overrides.clear(key)
        self._errors.pop(key, None)
        self._user_changed()

    # -- display ---------------------------------------------------------------------------------
    def _refresh(self, skip: str | None = None) -> None:
        """Show effective() everywhere. `skip`: the field being typed in keeps its text."""
        effective = self.effective()
        self._problems = effective.problems(now=self.now())
        shown: dict[str | None, list[ValidationError]] = {}  # field → its problems
        for problem in self._problems:
            shown.setdefault(problem.field, []).append(problem)
        if any(f.kind is FieldKind.DATETIME and effective.value(f.key) for f in value_fields()):
            self._clock.start()
        else:
            self._clock.stop()
        for key, group_editor in self.group_editors.items():
            group_editor.display(effective.number(key), default=self._defaults.number(key),
                                 overridden=key in self._overrides.numbers,
                                 sent=effective.sends(key))
            group_editor.show_problem("\n".join(pick(p.text) for p in shown.get(key, [])))
        for field in value_fields():
            key = field.key
            editor = self.field_editors[key]
            error = self._errors.get(key)
            if key != skip and error is None:
                editor.display(effective.value(key))
            found = [error] if error is not None else shown.get(key, [])
            editor.show_error("\n".join(pick(p.text) for p in found))
            self._field_markers[key].setVisible(
                error is not None or effective.value(key) != self._defaults.value(key))
            reset = self._field_resets[key]
            reset.setVisible(key in self._overrides.values or error is not None)
            reset.setToolTip(self.tr("Back to the account's default: {0}").format(
                self._defaults.value(key) or self.tr("(none)")))
        self.preview_box.show_options(effective, set(self._errors) | set(shown))
        self.reset_button.setEnabled(bool(self._overrides.numbers or self._overrides.values
                                          or self._errors))
