"""The speed-ups in the hot path give exactly what the plain computation gives."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.language import Language, language
from bot.core.matching import Matcher
from bot.core.normalise import Spellings, by_initial, closest_spelling, words
from bot.core.phrases import IGNORED, LIGHTLY_IGNORED, PhraseIndex, share_word_search
from bot.core.token_sets import TokenSets
from bot.core.triage_concepts import expand

LONG_QUESTIONS = [
    "I have had lower back pain for two years and the tablets do nothing, my GP says an epidural steroid "
    "injection might help, how long does the relief usually last and will it hurt?",
    "Dear doctor, before I consent I should like to know what the risks are, whether I can drive home "
    "afterwards, and how soon I can go back to work at the warehouse",
    "my mum is 79 and diabetic, is the steroid going to affect her sugar levels and should she stop her "
    "blood thinners before the procedure next tuesday",
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_faq(DEFAULT_FAQ_DIR))


def _best_per_entry(matcher: Matcher, query: str, phrasings: np.ndarray) -> dict[int, int]:
    index = matcher.index
    scores = process.cdist([query], [index.phrasing_texts[p] for p in phrasings.tolist()],
                           scorer=fuzz.token_set_ratio, dtype=np.uint8, workers=1)[0]
    best: dict[int, int] = {}
    for p, score in zip(phrasings.tolist(), scores.tolist(), strict=True):
        owner = index.phrasing_entry[p]
        best[owner] = max(best.get(owner, 0), score)
    return best


@pytest.mark.parametrize("question", LONG_QUESTIONS)
def test_token_sets_keep_every_entrys_best_phrasing_and_drop_others(matcher: Matcher, question: str) -> None:
    index = matcher.index
    token_sets = TokenSets(index.phrasing_texts, index.entry_phrasings)
    query = matcher.query(question).text
    entries = list(range(len(index.entry_ids)))
    every = np.concatenate([index.entry_phrasings[e] for e in entries])
    kept = token_sets.worth_scoring(query, entries)
    assert _best_per_entry(matcher, query, kept) == _best_per_entry(matcher, query, every)
    assert len(kept) < len(every)  # the point of it: some phrasings need no scoring


def test_token_sets_score_every_set_of_words_for_a_short_question(matcher: Matcher) -> None:
    index = matcher.index
    token_sets = TokenSets(index.phrasing_texts, index.entry_phrasings)
    every = np.concatenate([index.entry_phrasings[0], index.entry_phrasings[1]])
    kept = token_sets.worth_scoring("is it safe", [0, 1])
    distinct = {frozenset(index.phrasing_texts[p].split()) for p in every.tolist()}
    assert len(kept) == len(distinct)  # one phrasing of each set of words, the others scoring the same
    assert {frozenset(index.phrasing_texts[p].split()) for p in kept.tolist()} == distinct
    assert _best_per_entry(matcher, "is it safe", kept) == _best_per_entry(matcher, "is it safe", every)
    by_entry = TokenSets(index.phrasing_texts, index.entry_phrasings)
    by_entry._flat = None  # as a large FAQ reads it: every phrasing
    assert len(by_entry.worth_scoring("is it safe", [0, 1])) == len(every)
    assert len(token_sets.worth_scoring("is it safe", [])) == 0


def test_spellings_find_what_closest_spelling_finds_in_the_whole_letter_group() -> None:
    vocabulary = ["injection", "infection", "inflamed", "numb", "numbness", "nerve", "nerves", "work", "worse",
                  "walk", "weakness", "steroid", "sterile", "swelling"]
    groups = by_initial(w for w in vocabulary if len(w) >= 4)
    spellings = Spellings(vocabulary)
    for typo in ["injectoin", "infecton", "nmub", "numbnes", "nerv", "wrok", "wekness", "steriod", "sweling",
                 "inflammed", "xylophone", "walks", "worst"]:
        for lenient in (False, True):
            assert spellings.closest(typo, lenient=lenient) == closest_spelling(
                typo, groups.get(typo[0], ()), lenient=lenient), typo


def test_aspects_of_finds_cues_with_gaps_and_endings() -> None:
    en = language("en")
    assert "duration" in en.aspects_of(en.words("how long will the numbness last"))
    assert "duration" in en.aspects_of(en.words("is it lasting"))  # "last~"
    assert "hurts" in en.aspects_of(en.words("does the nerve root block hurt"))  # "does * hurt"
    assert en.aspects_of(en.words("my dog is called Biscuit")) == frozenset()


def test_phrase_lists_sharing_their_word_search_find_what_each_finds_alone() -> None:
    flags = load_faq(DEFAULT_FAQ_DIR).red_flags

    def lists() -> list[PhraseIndex]:
        return [
            PhraseIndex(expand(flags.urgent), ignored=IGNORED, lenient=True, correct=frozenset({"injected"})),
            PhraseIndex(flags.not_now, stems=False, ordered=True),
            PhraseIndex(flags.before_injection, stems=False, typos=False),
            PhraseIndex(flags.figures_of_speech, ignored=LIGHTLY_IGNORED, slack=1),
        ]

    alone, shared = lists(), lists()
    share_word_search(shared)
    vocabulary = sorted({w for index in alone for w in index.vocabulary if len(w) >= 3})
    # each word, a typo of it (a letter dropped, two swapped), with endings, and words of no list
    probes = [*vocabulary, *(w[:2] + w[3:] for w in vocabulary), *(w[0] + w[2] + w[1] + w[3:] for w in vocabulary),
              *(w + e for w in vocabulary for e in ("s", "ed", "ing")), *words("my neighbour's cousin ended up in a "
              "wheelchair, injected, bleedin, numbnes, feever, yesterdays")]
    for one, other in zip(alone, shared, strict=True):
        for probe in probes:
            assert one.vocabulary_in([probe]) == other.vocabulary_in([probe]), probe


@pytest.mark.parametrize("question", [*LONG_QUESTIONS, "how long does it last", "what is an epidural"])
def test_closest_wording_skips_by_length_only_what_could_not_reach_the_cutoff(matcher: Matcher, question: str) -> None:
    q = matcher.query(question)
    for entry_index in range(len(matcher.entry_ids)):
        texts = [matcher.index.phrasing_texts[p] for p in matcher.index.entry_phrasings[entry_index].tolist()]
        for at_least in (0.0, 0.3, 0.6, 0.92):
            plain = process.extractOne(q.text, texts, scorer=fuzz.ratio, score_cutoff=max(0.0, 100 * at_least - 1e-6))
            assert matcher._closest_wording(q, entry_index, at_least=at_least) == (plain[1] / 100 if plain else 0.0)


def test_triage_model_word_hashes_are_the_plain_crc32_first_time_and_after() -> None:
    import zlib

    from bot.core.triage_model import DIMENSIONS, _word_indices

    tokens = words("my leg is numb and my leg feels heavy since the epidural")
    plain = [zlib.crc32(g.encode()) % DIMENSIONS for g in
             [f"w {t}" for t in tokens] + [f"b {a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]]
    assert _word_indices(tokens) == plain
    assert _word_indices(tokens) == plain  # from the cache


@pytest.mark.parametrize("question", LONG_QUESTIONS)
def test_token_sets_of_a_small_faq_in_one_run_keep_what_entry_by_entry_keeps(matcher: Matcher, question: str) -> None:
    index = matcher.index
    flat = TokenSets(index.phrasing_texts, index.entry_phrasings)
    by_entry = TokenSets(index.phrasing_texts, index.entry_phrasings)
    by_entry._flat = None  # as a large FAQ reads it
    query = matcher.query(question).text
    for entries in ([0, 1, 2], [5, 3, 9], list(range(len(index.entry_ids)))):
        assert flat.worth_scoring(query, entries).tolist() == by_entry.worth_scoring(query, entries).tolist()


def test_reading_a_message_again_gives_the_same_words_even_after_a_caller_changed_its_list() -> None:
    lang = language()
    text = "I can't feel my legs since the injection, is that normal?"
    first = lang.words(text)
    first.append("changed")  # a caller's own list: the next reading of the same text is not affected
    assert lang.words(text) == words(text) == lang.words_of_folded(lang.fold(text)) == first[:-1]
    assert lang.words(text, 10) == lang.words_of_folded(lang.fold(text[:10]))  # another limit, another reading
    assert lang.fold("Fe\u200bver!") == "fever" and lang.fold("Fever?") == "fever"


def test_bounds_of_a_long_query_are_the_plain_bounds_to_the_bit() -> None:
    from bot.core import token_sets

    rng = np.random.default_rng(8)
    for _ in range(500):
        n = int(rng.integers(1, 120))
        query_count = int(rng.integers(8, 30))
        query_span = query_count + int(rng.integers(query_count, 150))
        counts = rng.integers(0, 20, n).astype(float)
        spans = counts * 2 + rng.integers(0, 60, n) * (counts > 0)
        common = np.minimum(counts, rng.integers(0, 10, n)).astype(float)
        common_span = np.where(common > 0, np.maximum(np.minimum(spans, common * 2 + rng.integers(0, 30, n)),
                                                       2 * common), 0).astype(float)
        q, p, s = float(query_span), spans, common_span
        with np.errstate(divide="ignore", invalid="ignore"):  # the plain formulas of `_bounds`
            indel_upper = np.where(q + p > 2, 100 - 100 * np.abs(q - p) / (q + p - 2), 100)
            shared = common > 0
            lower = np.where(shared, np.maximum(100 - 100 * (q - s) / (q + s - 2),
                                                100 - 100 * (p - s) / (p + s - 2)), 0)
        upper = np.maximum(indel_upper, lower)
        whole = shared & ((common == query_count) | (common == counts))
        lower = np.where(whole, 100, np.where(counts > 0, lower, 0))
        upper = np.where(whole, 100, np.where(counts > 0, upper, 0))
        fast = token_sets._bounds(query_count, query_span, counts, spans, common, common_span)
        assert np.array_equal(fast[0], lower) and np.array_equal(fast[1], upper)


def test_new_words_leave_few_objects_for_the_garbage_collector() -> None:
    """Each object a message leaves behind in a cache counts towards Python's next collection, which then
    pauses a message for 0.1-0.7 ms: new words' readings are kept as shared sets and string keys, not as
    fresh sets and tuples (about 12 objects a message of new words before, 7 now; the bound is 9)."""
    import gc

    from bot.core.pipeline import Responder

    responder = Responder(load_faq(DEFAULT_FAQ_DIR))
    responder.respond("is the injection painful")
    made_up = ("quixotic zephyr marmalade trombone gazebo kumquat xylograph bramble periwinkle snorkel lanyard "
               "fjord yodel walrus pumpernickel octagon tapestry wombat cobbler juniper mandolin quokka sextant "
               "turnip velvet waffle yarrow zucchini albatross bassoon cardamom dulcimer").split()
    messages = [f"my {a} and the {b} were {c} by the {d} this morning, would the {e} injection help? {a}ish"
                for a, b, c, d, e in zip(made_up, made_up[1:] + made_up[:1], made_up[2:] + made_up[:2],
                                         made_up[3:] + made_up[:3], made_up[4:] + made_up[:4], strict=True)]
    gc.collect()
    gc.disable()
    try:
        before = gc.get_count()[0]
        for message in messages:
            responder.respond(message)
        grown = gc.get_count()[0] - before
    finally:
        gc.enable()
    assert grown <= 9 * len(messages)


def test_words_read_ahead_at_load_give_every_reply_its_kind_as_without(monkeypatch: pytest.MonkeyPatch) -> None:
    """The words read when the Responder is built (the FAQ's, the language's, the red flags') are in the triage's
    and the matcher's word caches before any message, and a message finds the same in them: urgent, crisis,
    answer, suggestion and fallback replies alike, typos included."""
    from bot.core.pipeline import Responder

    faq = load_faq(DEFAULT_FAQ_DIR)
    ahead = Responder(faq)
    triage = ahead.triage
    assert "numb" in triage._urgent._cache and "injection" in triage._clinical_words  # type: ignore[attr-defined]
    monkeypatch.setattr(Responder, "_read_ahead", lambda self: None)
    plain = Responder(faq)
    messages = [
        "my leg went numb and I cant feel my foot since the injecton this morning",
        "I want to end it all tonight, I have the tablets ready",
        "how long does the numbness last after an epidural",
        "is it safe and will it hurt and can I drive home",
        "whats the parking like at the hospitel",
        "I had a fever years ago after a flu jab, is that a problem for the steroid injection?",
    ]
    for message in messages:
        assert ahead.respond(message) == plain.respond(message)


def _fold_by_the_general_path(text: str) -> str:
    """`Language.fold` as it reads any text, ASCII or not (accents, apostrophes, `_NON_WORD`)."""
    import unicodedata

    from bot.core.language import _APOSTROPHES, _NON_WORD

    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
    text = _NON_WORD.sub(" ", text.translate(_APOSTROPHES).casefold())
    return " ".join(t.strip("'") for t in text.split() if t.strip("'"))


def _words_by_the_plain_loop(folded: str) -> list[str]:
    """`Language.words_of_folded` word by word: "can not" joined, each contraction spelt out."""
    from bot.core.language import _CAN_NOT

    lang, out = language(), []
    for token in _CAN_NOT.sub("cannot", folded).split():
        expanded = lang.contractions.get(token)
        if expanded is None and "'" in token:
            token = token.replace("'", "")
            expanded = lang.contractions.get(token)
        out.extend((expanded or token).split())
    return out


def test_plain_ascii_folds_in_one_translation_to_the_words_of_the_general_path() -> None:
    import random

    lang = language()
    rng = random.Random(12)
    alphabet = [chr(c) for c in range(128)]
    texts = ["Can NOT feel my LEGS!!", "it's 'really' bad -- 38.5C? I can't, u know", "`quoted` ''' can not",
             "A\tB\x1cD"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    for text in texts:
        assert lang.fold(text) == _fold_by_the_general_path(text), repr(text)
        assert lang.words_of_folded(lang.fold(text)) == _words_by_the_plain_loop(lang.fold(text)), repr(text)


def test_phrase_list_finds_a_phrase_only_with_all_its_words_and_a_repeated_word_as_often() -> None:
    from bot.core.knowledge import Phrase

    index = PhraseIndex([Phrase(p, "test", 0) for p in ("leg numb", "sleeping sleeping", "cannot feel legs")])
    found = [h.phrase.text for h in index.find(words("my leg has gone numb and I cannot feel my legs"))]
    assert found == ["leg numb", "cannot feel legs"]  # in the list's order
    assert index.find(words("sleeping all day")) == []  # the repeated word once only
    assert [h.phrase.text for h in index.find(words("sleeping and sleeping"))] == ["sleeping sleeping"]
    assert index.find(words("what is an epidural")) == []  # no phrase's words at all


def test_both_synonym_readings_in_one_pass_are_the_two_readings_apart(matcher: Matcher) -> None:
    import random

    rewriter = matcher.index.synonyms
    faq = load_faq(DEFAULT_FAQ_DIR)
    pieces = sorted({w for key in rewriter._phrases for w in key} | set(rewriter._word))
    rng = random.Random(12)
    messages = [words(p) for e in faq.entries for p in (e.question, *e.phrasings)]
    messages += [[rng.choice(pieces) for _ in range(rng.randint(1, 12))] for _ in range(3000)]
    messages += [words("my head hurts after the epidural shot, is the steroid injecton safe?")]
    for tokens in messages:
        assert rewriter.rewrite_both(tokens) == (rewriter.rewrite(tokens), rewriter.rewrite(tokens, phrases_only=True))


def _aspects_trying_every_cue(en: Language, tokens: list[str]) -> frozenset[str]:
    """`aspects_of` with no index of the cues: every cue that may match, its pattern over the joined words."""
    joined = " ".join(tokens)
    tried = [c for c in en._cue_checks if c.may_match(set(tokens), " " + joined)]
    spans = [(m.start(), m.end(), c.aspect) for c in tried for m in c.pattern.finditer(joined)]
    return frozenset(
        aspect for start, end, aspect in spans
        if not any(s <= start and end <= e and e - s > end - start and a != aspect for s, e, a in spans))


def test_aspects_of_a_cue_filed_under_its_root_are_those_of_every_cue_tried() -> None:
    en = language("en")
    roots = [c.roots[0][1:] for c in en._cue_checks if c.roots]
    vocabulary = sorted({w for c in en.cues for w in c.words if w not in ("*",)} | set(roots)
                        | {r + e for r in roots for e in ("", "s", "ed", "ing", "ly", "x")} | {"the", "it", "my", "a"})
    vocabulary = [w.rstrip("~") for w in vocabulary]
    rng = random.Random(13)
    cases = [["does", "it", "work"], ["any", "risks"], ["how", "long", "does", "it", "last"], ["recovering"], [],
             ["re", "cur"], ["a risk", "of harm"], ["the", "risk harm"], ["cu"], ["alternativeness"]]
    cases += [[rng.choice(vocabulary) for _ in range(rng.randint(1, 12))] for _ in range(3000)]
    # (a word holding a space, as a rewritten synonym may: a root after that space counts, as in the joined text)
    cases += [[rng.choice(vocabulary) + " " + rng.choice(vocabulary) for _ in range(rng.randint(1, 4))]
              for _ in range(500)]
    for tokens in cases:
        assert en.aspects_of(tokens) == _aspects_trying_every_cue(en, tokens), tokens
