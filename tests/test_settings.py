"""Settings read once at the edge: clear one-line errors for values that cannot work, paths from where the bot runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings


def settings_from(environ: dict[str, str], tmp_path: Path):
    return load_settings(env_file=tmp_path / "no.env", environ=environ)


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("CHAT_MESSAGES_PER_MINUTE", "0", "at least 1"),
        ("CHAT_MESSAGES_PER_MINUTE", "twenty", "whole number"),
        ("BOT_RETENTION_DAYS", "-3", "at least 1"),
        ("WEBHOOK_PORT", "70000", "between 1 and 65535"),
        ("LOG_LEVEL", "loud", "one of DEBUG"),
    ],
)
def test_a_value_that_cannot_work_is_refused_in_one_clear_line(tmp_path, name, value, words):
    with pytest.raises(SettingsError) as raised:
        settings_from({name: value}, tmp_path)
    message = str(raised.value)
    assert name in message and words in message and "\n" not in message


def test_a_flood_limit_of_one_is_kept_as_one(tmp_path):
    assert settings_from({"CHAT_MESSAGES_PER_MINUTE": "1"}, tmp_path).chat_messages_per_minute == 1


def test_default_paths_are_relative_to_where_the_bot_is_started(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("FAQ_DIR=clinic-faq\n")
    settings = load_settings(environ={})
    assert settings.faq_dir == Path("clinic-faq")
    assert settings.db_path == Path("data") / "bot.sqlite3"


def test_environment_overrides_the_env_file(tmp_path):
    env = tmp_path / ".env"
    env.write_text("LOG_LEVEL=DEBUG\nADMIN_USER_IDS=1, 2\n")
    settings = load_settings(env_file=env, environ={"LOG_LEVEL": "warning"})
    assert settings.log_level == "WARNING"
    assert settings.admin_user_ids == frozenset({1, 2})
