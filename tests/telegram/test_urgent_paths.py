"""End to end, with the shipped FAQ: every way an urgent message can arrive on Telegram gets the urgent reply."""

from __future__ import annotations

import dataclasses

import pytest

from tests.faq_copy import copy_faq
from tests.standin import BOT_USER, GROUP, PATIENT, Call

ME = PATIENT["id"]


@pytest.fixture
async def real_bot(start_bot, settings, tmp_path):
    """The bot serving a copy of the shipped FAQ (its real red flags and texts)."""
    return await start_bot(dataclasses.replace(settings, faq_dir=copy_faq(tmp_path / "shipped")))


def texts(bot) -> dict[str, str]:
    return bot.bot_data["services"].library.responder.faq.texts


def urgent_text(bot) -> str:
    return texts(bot)["urgent"].strip()


def to(chat_id: int):
    return lambda call: call.chat_id == chat_id


async def send(standin, update: dict, chat_id: int = ME) -> Call:
    before = len(standin.calls)
    standin.push(update)
    return await standin.wait_for_sent(to(chat_id), after=before)


async def test_photo_caption_describing_a_fever_gets_the_urgent_reply(real_bot, standin):
    caption = "I've had a fever since my injection and the site looks like this"
    reply = await send(standin, standin.photo(caption=caption))
    assert urgent_text(real_bot) in reply.text


async def test_plain_photo_and_voice_note_say_what_to_do_if_urgent(real_bot, standin):
    for update in (standin.photo(), standin.voice(), standin.sticker()):
        reply = await send(standin, update)
        assert reply.text.startswith(texts(real_bot)["non_text"].strip())
        # ...and it says what to do when something is urgent
        assert reply.text.endswith(texts(real_bot)["safety_line"].strip())
        assert "emergency" in reply.text


async def test_urgent_message_after_a_flood_of_questions_is_answered(real_bot, standin):
    for _ in range(25):
        standin.push(standin.text("who does the injection?"))
    reply = await send(standin, standin.text("I can't feel my legs since the injection this morning"))
    while urgent_text(real_bot) not in reply.text:  # the flood's own replies come first, in order
        reply = await standin.wait_for_sent(lambda c, after=reply: c.chat_id == ME and c.at > after.at)
    assert urgent_text(real_bot) in reply.text


async def test_symptom_told_over_two_messages_gets_the_urgent_reply(real_bot, standin):
    await send(standin, standin.text("had my epidural on monday and I've got a really bad headache today"))
    second = await send(standin, standin.text("and my neck has gone really stiff as well"))
    assert urgent_text(real_bot) in second.text


async def test_after_the_urgent_reply_ok_ill_ring_them_gets_a_go_ahead_and_who_do_i_call_the_reply_again(
    real_bot, standin,
):
    first = await send(standin, standin.text("had my epidural this morning and now I can't feel my legs"))
    assert urgent_text(real_bot) in first.text
    ack = await send(standin, standin.text("ok I'll ring them now"))
    assert ack.text == texts(real_bot)["urgent_getting_help"].strip()
    again = await send(standin, standin.text("sorry, who do I call?"))
    assert urgent_text(real_bot) in again.text


async def test_carer_in_a_group_reporting_a_fever_gets_the_urgent_reply(real_bot, standin):
    text = f"@{BOT_USER['username']} my dad had his nerve block this morning and now he has a fever and chills"
    reply = await send(standin, standin.text(text, chat=GROUP), chat_id=GROUP["id"])
    assert urgent_text(real_bot) in reply.text


async def test_caption_in_a_group_is_read_only_when_it_mentions_the_bot(real_bot, standin):
    standin.push(standin.photo(caption="fever since the injection", chat=GROUP))  # not for the bot: ignored
    mentioned = f"@{BOT_USER['username']} fever since the injection yesterday"
    reply = await send(standin, standin.photo(caption=mentioned, chat=GROUP), chat_id=GROUP["id"])
    assert urgent_text(real_bot) in reply.text
    assert len(standin.sent(GROUP["id"])) == 1


async def test_typed_number_after_did_you_mean_answers_that_entry(real_bot, standin):
    responder = real_bot.bot_data["services"].library.responder
    candidates = ["headache or risks?", "safe risks", "the injection", "tell me about the risks or safety"]
    ambiguous = next((q for q in candidates if responder.respond(q).kind == "suggest"), None)
    assert ambiguous is not None, "no candidate message gets suggestions from the shipped FAQ"
    suggestion = await send(standin, standin.text(ambiguous))
    second_id = suggestion.buttons[1][1].removeprefix("a:")
    answer = await send(standin, standin.text("2"))
    assert responder.faq.entry(second_id).answer.strip()[:60] in answer.text


async def test_a_number_with_no_list_gets_a_helpful_line(real_bot, standin):
    reply = await send(standin, standin.text("3"))
    assert reply.text == texts(real_bot)["number_not_in_list"].strip()


async def test_carer_in_a_group_whose_dad_cannot_wake_up_gets_the_urgent_reply(real_bot, standin):
    # issue 9: this once got the facet-joint answer
    text = f"@{BOT_USER['username']} my dad had his nerve block this morning and now he can't wake up properly"
    reply = await send(standin, standin.text(text, chat=GROUP), chat_id=GROUP["id"])
    assert urgent_text(real_bot) in reply.text


async def test_carer_reporting_someone_elses_self_harm_words_gets_the_carers_crisis_reply(real_bot, standin):
    reply = await send(standin, standin.text("my mum keeps saying she wants to end it all since the injection"))
    assert reply.text == texts(real_bot)["self_harm_carer"].strip()
