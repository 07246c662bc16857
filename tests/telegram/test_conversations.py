"""End to end: the real Application against the Bot API stand-in, one conversation at a time."""

from __future__ import annotations

import time

from bot.core.pipeline import Reply, Responder
from bot.core.replies import non_text_text
from tests.small_faq import ENTRIES, SuggestingResponder, write_entry
from tests.standin import BOT_USER, GROUP, PATIENT, Call

ME = PATIENT["id"]
HEADACHE_Q, _, HEADACHE_A = ENTRIES["post-procedure-headache"]
SAFE_Q, _, SAFE_A = ENTRIES["is-it-safe"]
OFF_TOPIC = "Can you recommend a good pizza restaurant near the train station?"
URGENT = "I have a fever since my injection yesterday"


def texts(bot) -> dict[str, str]:
    return bot.bot_data["services"].library.responder.faq.texts


def to_me(call: Call) -> bool:
    return call.chat_id == ME


async def ask(standin, text: str, **kwargs) -> Call:
    """Send a message and wait for the bot's next message to that chat."""
    chat_id = kwargs["chat"]["id"] if "chat" in kwargs else kwargs.get("user", PATIENT)["id"]
    before = len(standin.calls)
    standin.push(standin.text(text, **kwargs))
    return await standin.wait_for_sent(lambda c: c.chat_id == chat_id, after=before)


async def test_start_sends_welcome(bot, standin):
    reply = await ask(standin, "/start")
    assert reply.text == texts(bot)["welcome"]
    assert "parse_mode" not in reply.params  # staff text is sent as plain text


async def test_commands_menu_is_set_at_start(bot, standin):
    commands = standin.calls_to("setMyCommands")[0].params["commands"]
    assert [c["command"] for c in commands] == ["start", "topics", "help"]


async def test_start_with_deep_link_answers_that_entry(bot, standin):
    reply = await ask(standin, "/start post-procedure-headache")
    assert HEADACHE_A in reply.text
    assert texts(bot)["doctor_note"] in reply.text


async def test_start_with_unknown_payload_sends_plain_welcome(bot, standin):
    reply = await ask(standin, "/start no-such-entry")
    assert reply.text == texts(bot)["welcome"]


async def test_help(bot, standin):
    assert (await ask(standin, "/help")).text == texts(bot)["help"]


async def test_unknown_command_gets_help(bot, standin):
    assert (await ask(standin, "/whatever")).text == texts(bot)["help"]


async def test_faq_question_answered_with_doctor_note_and_feedback_buttons(bot, standin):
    reply = await ask(standin, SAFE_Q)
    assert SAFE_A in reply.text
    assert reply.text.rstrip().endswith(texts(bot)["doctor_note"])
    assert reply.buttons == [("👍", "y:is-it-safe"), ("👎", "n:is-it-safe")]


async def test_reply_is_the_only_call_for_a_question(bot, standin):
    # no "typing…" action: the reply is ready at once, and each call counts against Telegram's limit
    await ask(standin, SAFE_Q)
    assert [c.method for c in standin.calls if c.chat_id == ME] == ["sendMessage"]


async def test_suggestion_buttons_answer_the_pressed_entry(bot, standin):
    library = bot.bot_data["services"].library
    library.responder = SuggestingResponder(library.responder.faq)
    suggestion = await ask(standin, SuggestingResponder.AMBIGUOUS)
    assert suggestion.text.startswith(texts(bot)["suggest_intro"].strip())
    assert suggestion.buttons == [(HEADACHE_Q, "a:post-procedure-headache"),
                                  (ENTRIES["risks"][0], "a:risks")]
    assert all(len(data.encode()) <= 64 for _, data in suggestion.buttons)

    before = len(standin.calls)
    standin.push(standin.press(suggestion.result, "a:post-procedure-headache"))
    answer = await standin.wait_for_sent(to_me, after=before)
    assert HEADACHE_A in answer.text
    assert answer.buttons[1] == ("👎", "n:post-procedure-headache")
    assert standin.calls_to("answerCallbackQuery")


async def test_real_matcher_suggestion_press_answers(bot, standin):
    responder = bot.bot_data["services"].library.responder
    candidates = ["headache or risks?", "safe risks", "the injection"]
    ambiguous = next((q for q in candidates if responder.respond(q).kind == "suggest"), None)
    assert ambiguous is not None, "the matcher suggests for none of the candidate messages: pick a new one"
    suggestion = await ask(standin, ambiguous)
    label, data = suggestion.buttons[0]
    entry = responder.faq.entry(data.removeprefix("a:"))
    assert label == entry.question
    before = len(standin.calls)
    standin.push(standin.press(suggestion.result, data))
    assert entry.answer.strip() in (await standin.wait_for_sent(to_me, after=before)).text


async def test_button_for_a_removed_entry_gets_unknown_entry(bot, standin):
    reply = await ask(standin, SAFE_Q)
    before = len(standin.calls)
    standin.push(standin.press(reply.result, "a:entry-removed-since"))
    answer = await standin.wait_for_sent(to_me, after=before)
    assert answer.text == texts(bot)["unknown_entry"]


async def test_fallback(bot, standin):
    reply = await ask(standin, OFF_TOPIC)
    assert reply.text == texts(bot)["fallback"].strip() or texts(bot)["fallback"].strip() in reply.text
    assert reply.buttons == []


async def test_urgent_message_gets_urgent_text_and_no_answer(bot, standin):
    reply = await ask(standin, URGENT)
    assert texts(bot)["urgent"].strip() in reply.text
    assert reply.buttons == []


async def test_sticker_gets_please_type_reply(bot, standin):
    standin.push(standin.sticker())
    reply = await standin.wait_for_sent(to_me)
    assert reply.text == non_text_text(bot.bot_data["services"].library.responder.faq)


async def test_photo_gets_please_type_reply(bot, standin):
    standin.push(standin.photo())
    assert (await standin.wait_for_sent(to_me)).text == non_text_text(bot.bot_data["services"].library.responder.faq)


async def test_edited_message_is_answered_again(bot, standin):
    update = standin.push(standin.text(OFF_TOPIC))
    first = await standin.wait_for_sent(to_me)
    before = len(standin.calls)
    standin.push(standin.edit(update, SAFE_Q))
    second = await standin.wait_for_sent(to_me, after=before)
    assert first.text != second.text
    assert SAFE_A in second.text


async def test_group_answers_only_mentions_and_replies_to_the_bot(bot, standin):
    to_group = dict(chat=GROUP)
    standin.push(standin.text(SAFE_Q, **to_group))  # not addressed to the bot: ignored
    standin.push(standin.sticker(**to_group))  # ignored too
    mentioned = await ask(standin, f"@{BOT_USER['username']} {SAFE_Q}", **to_group)
    assert SAFE_A in mentioned.text
    assert "reply_parameters" in mentioned.params  # quotes the question in a busy group
    replied = await ask(standin, HEADACHE_Q, reply_to=mentioned.result, **to_group)
    assert HEADACHE_A in replied.text
    # Updates are handled in order, so the two ignored ones were handled before these replies.
    assert len(standin.sent(GROUP["id"])) == 2


async def test_bare_mention_in_group_gets_help(bot, standin):
    reply = await ask(standin, f"@{BOT_USER['username']}", chat=GROUP)
    assert reply.text == texts(bot)["help"]


async def test_group_commands_are_answered(bot, standin):
    reply = await ask(standin, f"/help@{BOT_USER['username']}", chat=GROUP)
    assert reply.text == texts(bot)["help"]


async def test_very_long_message_gets_a_reply_fast(bot, standin):
    started = time.monotonic()
    reply = await ask(standin, "my back hurts and " * 1112)  # 20,016 characters
    assert reply.text
    assert time.monotonic() - started < 3


async def test_thumbs_down_is_acknowledged_and_recorded(bot, standin):
    answer = await ask(standin, SAFE_Q)
    standin.push(standin.press(answer.result, "n:is-it-safe"))
    ack = await standin.wait_for_call("answerCallbackQuery")
    assert ack.params["text"] == texts(bot)["feedback_thanks"]
    await standin.wait_for_call("editMessageReplyMarkup")  # one vote per answer: buttons removed
    assert bot.bot_data["services"].store.unhelpful_counts() == [("is-it-safe", 1)]


async def test_thumbs_up_is_acknowledged_and_not_stored(bot, standin):
    answer = await ask(standin, SAFE_Q)
    standin.push(standin.press(answer.result, "y:is-it-safe"))
    assert (await standin.wait_for_call("answerCallbackQuery")).params["text"] == texts(bot)["feedback_thanks"]
    await standin.wait_for_call("editMessageReplyMarkup")
    assert bot.bot_data["services"].store.unhelpful_counts() == []


async def test_topics_lists_every_entry_and_a_press_answers(bot, standin):
    listing = await ask(standin, "/topics")
    questions = {q for q, _, _ in ENTRIES.values()}
    assert {label for label, _ in listing.buttons} == questions
    before = len(standin.calls)
    standin.push(standin.press(listing.result, "a:who-performs"))
    answer = await standin.wait_for_sent(to_me, after=before)
    assert ENTRIES["who-performs"][2] in answer.text


async def test_topics_pages_with_next_and_previous(start_bot, settings, standin):
    for n in range(10):
        write_entry(settings.faq_dir, f"extra-topic-{n}", f"Extra question number {n}?", [], "An answer.")
    await start_bot(settings)
    listing = await ask(standin, "/topics")
    assert listing.buttons[-1] == ("Next ▶", "t:1")
    assert len(listing.buttons) == 8 + 1
    standin.push(standin.press(listing.result, "t:1"))
    page = await standin.wait_for_call("editMessageText")
    labels = [label for label, _ in page.buttons]
    assert labels[-1] == "◀ Previous"
    assert "page 2 of 2" in page.text
    assert len(labels) == 14 - 8 + 1


class BrokenResponder(Responder):
    def respond(self, text: str, **context) -> Reply:
        raise RuntimeError("the matcher fell over")


async def test_an_error_gets_a_short_apology(bot, standin, caplog):
    library = bot.bot_data["services"].library
    library.responder = BrokenResponder(library.responder.faq)
    reply = await ask(standin, SAFE_Q)
    assert reply.text == texts(bot)["error"]
    assert any("Error while handling update" in r.getMessage() for r in caplog.records)
