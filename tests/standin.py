"""A local stand-in for the Telegram Bot API, for end-to-end tests of the real Application.

It is a small HTTP server on 127.0.0.1 (a free port, in a background thread) answering
``POST /bot<token>/<method>`` the way api.telegram.org does, with ``{"ok": true, "result": ...}``
bodies. Point python-telegram-bot at it with ``base_url=standin.base_url`` (``http://127.0.0.1:PORT/bot``).

What it does:

* answers getMe (a bot called @clinic_faq_bot), getUpdates (long polling: honours ``offset``,
  ``limit`` and ``timeout``, blocking until an update is queued or the timeout passes),
  sendMessage (returns a Message with message_id, date, chat, from, text and the reply_markup sent),
  editMessageText, editMessageReplyMarkup, answerCallbackQuery, sendChatAction, setMyCommands,
  getMyCommands, deleteMyCommands, setWebhook, deleteWebhook, getWebhookInfo, close and logOut;
* reads bodies as PTB sends them (application/x-www-form-urlencoded with JSON-encoded nested
  fields), and also JSON and multipart/form-data, decoding known structured fields
  (reply_markup, commands, reply_parameters...) and integer fields (chat_id, offset...);
* rejects any other token with 401 Unauthorized (PTB raises InvalidToken);
* records every call in ``calls`` (method, params, result, HTTP status);
* behaves like the real API where delivery depends on it: getUpdates with an ``offset`` confirms
  (drops for good) every update below it, returns at most 100, and answers 409 Conflict while a
  webhook is set;
* ``fail_next("sendMessage", count=1, retry_after=1)`` answers the next calls with 429
  ``Too Many Requests: retry after 1`` and ``parameters.retry_after``, as Telegram does;
  ``fail_next(..., status=502)`` with a 5xx instead; ``hold_next("sendMessage", seconds=6)`` holds
  the next call past the client's read timeout and then drops it (``deliver=True``: performs it, as
  when only the response is lost);
* ``faults = Faults(...)``: random faults from then on (5xx, 429, held requests, failing getUpdates),
  drawn from a seeded generator; ``faults = None`` ends them;
* ``listen(callback)`` calls ``callback(call)`` for every call recorded (from the server's threads);
* builds realistic updates: ``text(...)``, ``edit(...)``, ``sticker(...)``, ``photo(...)``,
  ``press(...)`` (a callback query on one of the bot's messages), in private chats or in the
  ``GROUP`` supergroup; ``push(update)`` queues one for getUpdates and returns it with its update_id;
* ``end_long_polling()`` makes getUpdates answer at once (call it before stopping the bot);
  ``arrived(method)`` says whether a call has come in, even one still long polling;
* ``await wait_for_sent(predicate, timeout)`` / ``await wait_for_call(method, predicate, timeout)``
  wait until the bot has made a matching call, and fail with the calls seen so far if it does not.

Usage::

    with BotApiStandIn() as api:
        api.push(api.text("/start"))
        call = await api.wait_for_sent(lambda c: c.chat_id == PATIENT["id"])
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import itertools
import json
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

TOKEN = "7000000001:AAFstandInTokenNeverReal_4d3c2b1a0"
BOT_USER = {
    "id": 7000000001,
    "is_bot": True,
    "first_name": "Clinic FAQ",
    "username": "clinic_faq_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
# Distinctive values, so a test can search stored bytes and logs for them.
PATIENT = {"id": 918273645, "is_bot": False, "first_name": "Zebedee", "last_name": "Quixworth",
           "username": "zeb_quix_patient", "language_code": "en"}
OTHER_PATIENT = {"id": 564738291, "is_bot": False, "first_name": "Ottoline", "username": "otto_patient_two"}
ADMIN = {"id": 111000111, "is_bot": False, "first_name": "Nurse", "username": "clinic_nurse"}
GROUP = {"id": -1001234567890, "type": "supergroup", "title": "Back pain support group"}

JSON_FIELDS = {"reply_markup", "commands", "scope", "entities", "caption_entities", "reply_parameters",
               "link_preview_options", "allowed_updates", "media", "menu_button"}
INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "user_id", "from_chat_id",
              "message_thread_id", "cache_time", "max_connections"}


def private_chat(user: dict) -> dict:
    """The private chat Telegram shows for a user."""
    chat = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
    for key in ("last_name", "username"):
        if key in user:
            chat[key] = user[key]
    return chat


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    result: Any = None
    status: int = 200
    at: float = field(default_factory=time.monotonic)

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")

    @property
    def text(self) -> str:
        return self.params.get("text", "")

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback_data) of every inline button sent with this call, row by row."""
        markup = self.params.get("reply_markup") or {}
        return [(b["text"], b.get("callback_data", "")) for row in markup.get("inline_keyboard", []) for b in row]


@dataclass
class _Failure:
    method: str
    remaining: int
    retry_after: int = 1
    status: int = 429
    hold: float = 0.0  # > 0: hold the request this long instead of answering with `status`
    deliver: bool = False  # a held request is performed after all (only its response is lost)


@dataclass(frozen=True)
class Faults:
    """Random faults on every call from now on, as probabilities per call."""

    send_5xx: float = 0.0  # sendMessage answered 500 or 502
    send_429: float = 0.0  # sendMessage answered 429 with retry_after
    send_held: float = 0.0  # sendMessage held for `hold_seconds`, then dropped (or performed: held_delivered)
    get_updates_fail: float = 0.0  # getUpdates answered 502
    retry_after: int = 1
    hold_seconds: float = 6.0  # past PTB's default 5 s read timeout
    held_delivered: bool = False
    seed: int = 11

    def draw(self, method: str, rng: random.Random) -> _Failure | None:
        roll = rng.random()
        if method == "getUpdates":
            return _Failure(method, 1, status=502) if roll < self.get_updates_fail else None
        if method != "sendMessage":
            return None
        if roll < self.send_5xx:
            return _Failure(method, 1, status=rng.choice((500, 502)))
        roll -= self.send_5xx
        if roll < self.send_429:
            return _Failure(method, 1, retry_after=self.retry_after)
        roll -= self.send_429
        if roll < self.send_held:
            return _Failure(method, 1, hold=self.hold_seconds, deliver=self.held_delivered)
        return None


@dataclass
class _State:
    updates: list[dict] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    arrived: list[str] = field(default_factory=list)  # methods in order of arrival, answered or not
    failures: list[_Failure] = field(default_factory=list)
    chats: dict[int, dict] = field(default_factory=dict)
    messages: dict[tuple[int, int], dict] = field(default_factory=dict)
    webhook_url: str = ""
    commands: list = field(default_factory=list)
    closing: bool = False
    faults: Faults | None = None
    rng: random.Random = field(default_factory=random.Random)
    listeners: list[Callable[[Call], None]] = field(default_factory=list)


class BotApiStandIn:
    """The stand-in server; use as a context manager or call start() / stop()."""

    def __init__(self, token: str = TOKEN, *, first_update_id: int = 1000) -> None:
        self.token = token
        self._state = _State()
        self._cond = threading.Condition()
        # Telegram's update ids only grow: a bot keeping a ledger across runs needs a new first id each run
        self._update_ids = itertools.count(first_update_id)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ running

    def start(self) -> BotApiStandIn:
        standin = self

        class Handler(_Handler):
            api = standin

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="bot-api-standin", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._state.closing = True
            self._cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def end_long_polling(self) -> None:
        """Answer getUpdates at once from now on (call before stopping the bot, so it stops fast)."""
        with self._cond:
            self._state.closing = True
            self._cond.notify_all()

    def __enter__(self) -> BotApiStandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "start() the stand-in first"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """PTB's base_url form: the token is appended to it."""
        return f"http://127.0.0.1:{self.port}/bot"

    # ------------------------------------------------------------------ building updates

    def message(self, text: str | None = None, *, user: dict = PATIENT, chat: dict | None = None,
                reply_to: dict | None = None, **fields: Any) -> dict:
        """A Message object from `user` in `chat` (default: their private chat)."""
        chat = chat or private_chat(user)
        message: dict[str, Any] = {"message_id": next(self._message_ids), "date": int(time.time()),
                                   "chat": chat, "from": user}
        if text is not None:
            message["text"] = text
            entities = _entities(text)
            if entities:
                message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update(fields)
        with self._cond:
            self._state.chats[chat["id"]] = chat
        return message

    def text(self, text: str, **kwargs: Any) -> dict:
        """An update with a new text message (commands and @mentions get their entities)."""
        return {"message": self.message(text, **kwargs)}

    def edit(self, update: dict, new_text: str) -> dict:
        """An edited_message update for the message in `update`."""
        message = dict(update["message"], text=new_text, edit_date=int(time.time()))
        message.pop("entities", None)
        entities = _entities(new_text)
        if entities:
            message["entities"] = entities
        return {"edited_message": message}

    def sticker(self, **kwargs: Any) -> dict:
        """An update with a sticker and no text."""
        sticker = {"file_id": "CAACAgIAAxk-sticker", "file_unique_id": "AgADsticker", "type": "regular",
                   "width": 512, "height": 512, "is_animated": False, "is_video": False, "emoji": "👍"}
        return {"message": self.message(None, sticker=sticker, **kwargs)}

    def photo(self, **kwargs: Any) -> dict:
        """An update with a photo and no text."""
        photo = [{"file_id": "AgACAgIAAxk-photo", "file_unique_id": "AQADphoto", "width": 90, "height": 90}]
        return {"message": self.message(None, photo=photo, **kwargs)}

    def voice(self, **kwargs: Any) -> dict:
        """An update with a voice note and no text."""
        voice = {"file_id": "AwACAgIAAxk-voice", "file_unique_id": "AgADvoice", "duration": 4, "mime_type": "audio/ogg"}
        return {"message": self.message(None, voice=voice, **kwargs)}

    def press(self, bot_message: dict, data: str, *, user: dict = PATIENT) -> dict:
        """A callback_query update: `user` pressed the button with `data` under one of the bot's messages."""
        return {"callback_query": {"id": str(next(self._callback_ids)), "from": user, "message": bot_message,
                                   "chat_instance": "standin-chat-instance", "data": data}}

    def push(self, update: dict) -> dict:
        """Queue an update for getUpdates; returns it with its update_id."""
        with self._cond:
            update = {"update_id": next(self._update_ids), **update}
            self._state.updates.append(update)
            self._cond.notify_all()
        return update

    # ------------------------------------------------------------------ what the bot did

    @property
    def calls(self) -> list[Call]:
        with self._cond:
            return list(self._state.calls)

    def arrived(self, method: str) -> bool:
        """Whether the bot has called `method`, even if the call (a long poll) is still open."""
        with self._cond:
            return method in self._state.arrived

    def arrivals(self, method: str) -> int:
        """How many calls to `method` have come in, answered or not."""
        with self._cond:
            return self._state.arrived.count(method)

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def sent(self, chat_id: int | None = None) -> list[Call]:
        """Successful sendMessage calls, optionally to one chat."""
        return [c for c in self.calls_to("sendMessage")
                if c.status == 200 and (chat_id is None or c.chat_id == chat_id)]

    def fail_next(self, method: str, count: int = 1, *, retry_after: int = 1, status: int = 429) -> None:
        """Answer the next `count` calls to `method` with 429 Too Many Requests (or `status`, e.g. 502)."""
        with self._cond:
            self._state.failures.append(_Failure(method, count, retry_after, status))

    def hold_next(self, method: str, count: int = 1, *, seconds: float = 6.0, deliver: bool = False) -> None:
        """Hold the next `count` calls to `method` for `seconds`, then drop them without an answer
        (`deliver=True`: perform them first, as when only Telegram's response is lost)."""
        with self._cond:
            self._state.failures.append(_Failure(method, count, hold=seconds, deliver=deliver))

    @property
    def faults(self) -> Faults | None:
        return self._state.faults

    @faults.setter
    def faults(self, faults: Faults | None) -> None:
        with self._cond:
            self._state.faults = faults
            if faults is not None:
                self._state.rng.seed(faults.seed)

    def listen(self, callback: Callable[[Call], None]) -> None:
        """Call `callback(call)` for every call recorded from now on (in a server thread: keep it quick)."""
        with self._cond:
            self._state.listeners.append(callback)

    def pending_updates(self) -> list[dict]:
        """The updates Telegram still holds for the bot (not yet confirmed)."""
        with self._cond:
            return list(self._state.updates)

    @property
    def webhook_url(self) -> str:
        return self._state.webhook_url

    async def wait_for_call(self, method: str, predicate: Callable[[Call], bool] = lambda c: True,
                            timeout: float = 5.0, *, after: int = 0) -> Call:
        """The first successful call to `method` (from index `after` on) matching `predicate`."""
        deadline = time.monotonic() + timeout
        while True:
            calls = self.calls
            for call in calls[after:]:
                if call.method == method and call.status == 200 and predicate(call):
                    return call
            if time.monotonic() > deadline:
                seen = "\n".join(f"  {c.method} {c.status} {c.params}" for c in calls if c.method != "getUpdates")
                raise AssertionError(f"no matching {method} within {timeout}s; calls seen:\n{seen}")
            await asyncio.sleep(0.01)

    async def wait_for_sent(self, predicate: Callable[[Call], bool] = lambda c: True,
                            timeout: float = 5.0, *, after: int = 0) -> Call:
        """The first successful sendMessage matching `predicate`."""
        return await self.wait_for_call("sendMessage", predicate, timeout, after=after)

    # ------------------------------------------------------------------ serving (server threads)

    def _serve(self, method: str, params: dict[str, Any]) -> tuple[int, dict | None]:
        """(HTTP status, body); body None: drop the connection without an answer."""
        with self._cond:
            self._state.arrived.append(method)
            failure = next((f for f in self._state.failures if f.method == method and f.remaining > 0), None)
            if failure is not None:
                failure.remaining -= 1
            elif self._state.faults is not None:
                failure = self._state.faults.draw(method, self._state.rng)
        if failure is not None and failure.hold:
            time.sleep(failure.hold)  # the client's read timeout passes meanwhile
            if not failure.deliver:
                self._record(Call(method, params, None, 0))
                return 0, None
            failure = None
        if failure is not None:
            if failure.status == 429:
                body = {"ok": False, "error_code": 429,
                        "description": f"Too Many Requests: retry after {failure.retry_after}",
                        "parameters": {"retry_after": failure.retry_after}}
            else:
                body = {"ok": False, "error_code": failure.status,
                        "description": "Bad Gateway" if failure.status == 502 else "Internal Server Error"}
            self._record(Call(method, params, None, failure.status))
            return failure.status, body
        if method == "getUpdates":
            if self._state.webhook_url:
                body = {"ok": False, "error_code": 409, "description":
                        "Conflict: can't use getUpdates method while webhook is active; "
                        "use deleteWebhook to delete the webhook first"}
                self._record(Call(method, params, None, 409))
                return 409, body
            result = self._get_updates(params)
        else:
            answer = getattr(self, f"_api_{method}", None)
            if answer is None:
                return 400, {"ok": False, "error_code": 400, "description": f"Bad Request: stand-in has no {method}"}
            with self._cond:
                result = answer(params)
        self._record(Call(method, params, result))
        return 200, {"ok": True, "result": result}

    def _record(self, call: Call) -> None:
        with self._cond:
            self._state.calls.append(call)
            listeners = list(self._state.listeners)
        for listener in listeners:
            listener(call)

    def _get_updates(self, params: dict[str, Any]) -> list[dict]:
        offset = params.get("offset") or 0
        limit = min(params.get("limit") or 100, 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        with self._cond:
            while True:
                self._state.updates = [u for u in self._state.updates if u["update_id"] >= offset]
                if self._state.updates or self._state.closing:
                    return self._state.updates[:limit]
                left = deadline - time.monotonic()
                if left <= 0:
                    return []
                self._cond.wait(left)

    def _api_getMe(self, params: dict) -> dict:
        return BOT_USER

    def _api_sendMessage(self, params: dict) -> dict:
        chat_id = params["chat_id"]
        chat = self._state.chats.get(chat_id) or {"id": chat_id, "type": "private", "first_name": "Someone"}
        message = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat,
                   "from": BOT_USER, "text": params.get("text", "")}
        if isinstance(params.get("reply_markup"), dict) and "inline_keyboard" in params["reply_markup"]:
            message["reply_markup"] = params["reply_markup"]
        self._state.messages[(chat_id, message["message_id"])] = message
        return message

    def _edited(self, params: dict, **changes: Any) -> dict | bool:
        key = (params.get("chat_id"), params.get("message_id"))
        if key not in self._state.messages:
            return True  # an inline message: Telegram answers True
        message = self._state.messages[key]
        message.update(changes, edit_date=int(time.time()))
        if "reply_markup" in changes and not changes["reply_markup"]:
            message.pop("reply_markup")
        return message

    def _api_editMessageText(self, params: dict) -> dict | bool:
        return self._edited(params, text=params.get("text", ""), reply_markup=params.get("reply_markup"))

    def _api_editMessageReplyMarkup(self, params: dict) -> dict | bool:
        return self._edited(params, reply_markup=params.get("reply_markup"))

    def _api_setWebhook(self, params: dict) -> bool:
        self._state.webhook_url = params.get("url", "")
        return True

    def _api_deleteWebhook(self, params: dict) -> bool:
        self._state.webhook_url = ""
        return True

    def _api_getWebhookInfo(self, params: dict) -> dict:
        return {"url": self._state.webhook_url, "has_custom_certificate": False, "pending_update_count": 0}

    def _api_setMyCommands(self, params: dict) -> bool:
        self._state.commands = params.get("commands", [])
        return True

    def _api_getMyCommands(self, params: dict) -> list:
        return self._state.commands

    def _api_deleteMyCommands(self, params: dict) -> bool:
        self._state.commands = []
        return True

    def _true(self, params: dict) -> bool:
        return True

    _api_answerCallbackQuery = _api_sendChatAction = _api_close = _api_logOut = _true


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up mid long poll (the bot stopping) is not an error here


class _Handler(BaseHTTPRequestHandler):
    api: BotApiStandIn
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else each small reply waits ~40 ms for a delayed ACK

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        prefix, _, rest = self.path.partition("/bot")
        token, _, method = rest.partition("/")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if prefix or token != self.api.token:
            self._reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        params = _decode(self.headers.get("Content-Type", ""), body)
        status, answer = self.api._serve(method.split("?")[0], params)
        if answer is None:  # a held request: the client gave up long ago, hang up without an answer
            self.close_connection = True
            return
        self._reply(status, answer)

    do_GET = do_POST  # noqa: N815 - Telegram accepts GET too

    def _reply(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # the request line holds the token
        pass


def _decode(content_type: str, body: bytes) -> dict[str, Any]:
    """The parameters of a Bot API request, whatever body format the client chose."""
    if not body:
        return {}
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        return json.loads(body)
    if kind == "multipart/form-data":
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        raw = {part.get_param("name", header="content-disposition"): part.get_content()
               for part in message.iter_parts()}
    else:
        raw = dict(parse_qsl(body.decode(), keep_blank_values=True))
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, bytes):
            value = value.decode(errors="replace")
        if key in JSON_FIELDS:
            value = json.loads(value)
        elif key in INT_FIELDS:
            try:
                value = int(value)
            except ValueError:
                pass  # e.g. chat_id "@channelusername"
        params[key] = value
    return params


def _entities(text: str) -> list[dict]:
    """bot_command and mention entities, as Telegram adds them (offsets in UTF-16 code units)."""
    found = []
    for match in re.finditer(r"(?<!\w)(/[A-Za-z0-9_]+(?:@\w+)?|@\w{3,})", text):
        start = len(text[:match.start()].encode("utf-16-le")) // 2
        length = len(match.group().encode("utf-16-le")) // 2
        kind = "bot_command" if match.group().startswith("/") else "mention"
        found.append({"type": kind, "offset": start, "length": length})
    return found


