"""An exception described for the log names its types and frames, never its message."""

from __future__ import annotations

from bot.privacy.logsafe import describe


def _lookup(word: str) -> None:
    try:
        {}[word]
    except KeyError as exc:
        raise ValueError(f"no entry for {word!r}") from exc


def test_types_and_frames_stay_and_the_messages_go() -> None:
    try:
        _lookup("mohammed")
    except ValueError as exc:
        text = describe(exc)
    assert "mohammed" not in text
    assert text.splitlines()[0] == "ValueError"
    assert "caused by KeyError" in text
    assert "test_logsafe.py" in text and "in _lookup" in text


def test_no_exception() -> None:
    assert describe(None) == "no exception"


def test_debug_logging_never_lets_telegram_log_message_texts():
    import logging

    from bot.logging_setup import setup_logging

    setup_logging(logging.DEBUG)
    try:
        assert not logging.getLogger("telegram.ext.Application").isEnabledFor(logging.DEBUG)
        assert not logging.getLogger("telegram.Bot").isEnabledFor(logging.DEBUG)
    finally:
        logging.getLogger().setLevel(logging.WARNING)


def test_a_quieter_root_level_keeps_telegram_quiet_too():
    import logging

    from bot.logging_setup import setup_logging

    setup_logging(logging.WARNING)
    assert not logging.getLogger("telegram.ext.Application").isEnabledFor(logging.INFO)
