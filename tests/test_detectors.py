"""Each detector on small texts: what it flags, what it leaves alone, and its suggestion."""

from __future__ import annotations

import pytest

from corrector.scan import scan_text


def found(model, text: str) -> list[tuple[str, str, str | None]]:
    return [(f.text, f.kind.value, f.best) for f in scan_text(text, model)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("There would he no peace until the land was theirs.", ("he", "real-word", "be")),
        ("The land bad been returned to the peasants.", ("bad", "real-word", "had")),
        ("It was the end ofthe war.", ("ofthe", "non-word", "of the")),
        ("This is the sub ject of the meeting.", ("sub ject", "split-word", "subject")),
        ("The pro- perty of the workers.", ("pro- perty", "split-word", "property")),
        ("The tbe workers of the world.", ("tbe", "non-word", "the")),
        ("THE TBE WORKERS", ("TBE", "non-word", "THE")),
    ],
)
def test_slips_are_found_with_the_right_fix(model, text, expected):
    assert expected in found(model, text)


@pytest.mark.parametrize(
    "text",
    [
        "The programme of the labouring classes was not in favour of the Tzar.",
        "He would be there, but the organisation of the Mensheviks was weak.",
        "Chapter XIX. In 1919 the 2nd edition, 4to, cost 2s. 6d. and weighed 160lbs.",
        "Mr. J. M. Barrie and Mrs. Wharton met in London every day.",
        "The semi-proletariat and the petty-bourgeois social-patriotic party.",
        "It was five ft. high.",
        "The co-operative society met at the Town Hall.",
        "T HE END",
        "The project's aim and the workers' programme were plain.",
    ],
)
def test_period_text_is_left_alone(model, text):
    assert found(model, text) == []


def test_user_words_are_never_flagged(model):
    from corrector.model import Model

    mine = Model.load(frozenset({"Tbe"}))
    assert found(mine, "The tbe workers of the world.") == []
    assert found(model, "The tbe workers of the world.") != []


def test_case_is_restored_on_suggestions(model):
    (finding,) = scan_text("Tlie workers met.", model)
    assert finding.best == "The"


def test_confidence_is_a_probability(model):
    for f in scan_text("There would he no peace ofthe nuke in tbe end.", model):
        assert 0.0 <= f.confidence <= 1.0
        assert all(0.0 <= s.score <= 1.0 for s in f.suggestions)


def test_a_long_text_is_scanned_in_chunks_with_the_same_findings(model, data_dir,
                                                                   monkeypatch):
    """Chunking bounds memory; it must not move, lose or add findings away from the cuts."""
    from corrector import scan
    from corrector.scan import chunks

    page = (data_dir / "seeds" / "bukharin-1923-000.txt").read_text(encoding="utf-8")
    text = "\n\n".join([page] * 3)
    whole = scan_text(text, model)
    monkeypatch.setattr(scan, "CHUNK_CHARS", len(page) + 100)  # cut between the pages
    pieces = list(chunks(text, scan.CHUNK_CHARS))
    chunked = scan_text(text, model)
    assert len(pieces) == 3 and "".join(p for _, p in pieces) == text
    assert [(f.start, f.line, f.column, f.text) for f in chunked] == [
        (f.start, f.line, f.column, f.text) for f in whole]
    assert all(text[f.start:f.end] == f.text for f in chunked)


def test_chunks_cut_at_spaces_when_there_are_no_line_ends():
    from corrector.scan import chunks

    text = "word " * 50_000
    pieces = list(chunks(text, 30_000))
    assert "".join(p for _, p in pieces) == text
    assert all(p.endswith(" ") for _, p in pieces[:-1])
    offsets = [o for o, _ in pieces]
    assert offsets == [sum(len(p) for _, p in pieces[:k]) for k in range(len(pieces))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Coughs, Colds, Ac. and other ills.", ("Ac", "real-word", "&c")),
        ("Price 2s. Gd. each.", ("Gd", "real-word", "6d")),
        ("Frames at either Is 6d or 2s 6d each.", ("Is", "real-word", "1s")),
    ],
)
def test_period_print_forms_misread_as_words_are_restored(model, text, expected):
    assert expected in found(model, text)


def test_on_a_misread_page_etcetera_may_follow_a_comma_read_as_a_stop(model):
    page = ("Tbe sbop in Higb-street bas Bed Rugs, Yarn. Ac. for sale; apply to W. Smitb, "
            "Hon. Sec. at tbe oflice, or to Ball and Skeins, kc. kc. at tbe mill.")
    fixes = {(f[0], f[2]) for f in found(model, page)}
    assert {("Ac", "&c"), ("kc", "&c")} <= fixes
    assert ("Sec", "&c") not in fixes  # a secretary after a stop


def test_print_forms_need_the_place_print_puts_them(model):
    # No comma before it, no sum beside it: a word, not "&c." or "1s.".
    assert [f for f in found(model, "It Is. Ac. Then the sea.") if f[2] in ("&c", "1s")] == []


@pytest.mark.parametrize(
    "text",
    [
        "The lastnamed player failed to convert.",  # "last-named" closed up
        "Sold at Stock\u00ac\nholm and Port\u00ac\nau-Prince today.",  # not-sign line breaks
        "The Rebellion of 1745-46 and the French Alliance-2. k338 Apply within.",
        "The shop. W ANTED, a good cook.",  # a drop capital
        "He was sent by Mr. Goodrick to the town.",  # a name after a title
        '"S-s-s-say, what is that?" he cried, and th-th-that was all.',  # a stammer
        '"B-r-a-i-n-s, my boy," he said.',  # a word spelled out
        '"Gr-e-a-t," he said, "as-as-as you like."',  # ... and a word said over
        "He sang at the pitch o\u2019 his lungs, and th\u2019 Eighty was there.",  # elided
        '"Ri-i-ley!" "Shu-shu-u-u-u," and the bee went Ziz-z-z-z.',  # sounds drawn out
        "In the 1890's the French 75's were new; count the 4's and 5's.",  # numbers' plurals
    ],
)
def test_print_conventions_are_left_alone(model, text):
    assert found(model, text) == []


def test_letters_between_hyphens_that_spell_or_stammer_no_word_are_still_doubted(model):
    assert found(model, "The s-s-sqz was there.") != []
    assert found(model, "The x-q-z was there.") != []
    assert found(model, "The pro-o-pex was there.") != []  # drawn out, but no word


def test_a_lone_one_with_an_apostrophe_s_is_still_doubted(model):
    assert [f[0] for f in found(model, "It 1's here and there.")] == ["1's"]


def test_a_capitalised_word_no_name_is_spelt_like_is_flagged(model):
    kinds = {f.text: (f.kind.value, f.extra.get("class")) for f in scan_text(
        "The reporter met Buainew at the gate, and DaKLIBOTON too.", model)}
    assert kinds["Buainew"] == ("non-word", "garbled")
    assert kinds["DaKLIBOTON"] == ("non-word", "garbled")


def test_a_word_set_in_capitals_is_fixed_in_capitals(model):
    assert ("NOltTH", "non-word", "NORTH") in found(model, "They met at the NOltTH gate.")


def test_the_misread_prior_follows_how_garbled_the_text_is(model):
    from corrector.detectors.realword import MAX_MISREAD_PRIOR, MIN_MISREAD_PRIOR, misread_prior
    from corrector.document import Document

    clean = Document.from_text("The workers of the world met in the hall and spoke. " * 20)
    noisy = Document.from_text("Tbe wvrkers cf tbe wurld mct iu the hall aud spoke. " * 20)
    assert misread_prior(clean, model) == MIN_MISREAD_PRIOR
    assert MIN_MISREAD_PRIOR < misread_prior(noisy, model) <= MAX_MISREAD_PRIOR


def test_a_capital_in_mid_sentence_does_not_start_a_sentence(model):
    from corrector.detectors.nonword import starts_sentence
    from corrector.document import Document

    doc = Document.from_text("He scored through Grewar. Then Tolson equalised; Mr. Smith left.")
    starts = {t.text: starts_sentence(doc, i, model) for i, t in enumerate(doc.tokens)}
    assert starts["He"] and starts["Then"]
    assert not starts["Grewar"] and not starts["Tolson"] and not starts["Smith"]


def test_a_name_is_doubted_only_when_a_common_word_explains_it(model):
    # "Tolson" is at best a dear misreading of a rare word: a name; "Houle" in mid-sentence
    # is a cheap misreading of "House", a word print prints all the time.
    # (On an OCR page, where misreadings are common: ``test_a_clean_page_...`` below.)
    names = found(model, "The visitors scored when Tolson shot, aud tbe crowd cheered tliem.")
    assert [f for f in names if f[0] == "Tolson"] == []
    assert ("Houle", "non-word", "House") in found(
        model, "He moved tliat the Houle adjourn, aud tbe motion was carried.")


def test_a_clean_page_doubts_a_name_less_than_a_garbled_one(model):
    # The same names, one edit from known ones: on a clean page they are names; on a page
    # whose other words are misread, likelier misreadings too.
    clean = "Mr. Martlew and Mr. Kingbridge spoke at the meeting of the Board."
    garbled = "Mr. Martlew aud Mr. Kingbridge spoke at tbe meeting of tlie Board."
    assert found(model, clean) == []
    assert {"Martlew", "Kingbridge"} <= {text for text, _, _ in found(model, garbled)}


@pytest.mark.parametrize(
    "text",
    [
        "it 's well , I do n't know ; we 're here and I 've been .",
        "he wo n't , I 'm sure , and ca n't ; we 'll go .",
    ],
)
def test_contractions_printed_apart_are_left_alone(model, text):
    assert found(model, text) == []


def test_a_name_only_the_word_lists_know_is_no_real_word_slip(model):
    # The corpus never printed "Shildon", so its context cannot be judged against "Sheldon".
    assert [f for f in found(model, "He died at New Shildon, on the 23rd.")
            if f[1] == "real-word"] == []


def test_an_open_compound_print_also_hyphenates_is_not_joined(model):
    # Period print has "sea-weed" and "court-yard": set open, they are its spellings.
    for text in ("The sea weed lay thick on the shore.", "They went into the court yard."):
        assert [f for f in found(model, text) if f[1] == "split-word"] == []
    # A word print never hyphenates is still joined.
    assert ("them selves", "split-word", "themselves") in found(
        model, "They would not trouble them selves about it.")


def test_the_pieces_of_a_split_word_may_be_misread_too(model):
    # "taen" is a word (Scots), but "taken" read with one letter lost fits far better.
    findings = scan_text("It was ta en away from him.", model)
    assert [(f.text, [s.text for s in f.suggestions]) for f in findings] == [
        ("ta en", ["taken", "taen"])]
    # A common join is proposed as it is.
    assert ("sub ject", "split-word", "subject") in found(
        model, "This is the sub ject of the meeting.")


def test_an_abbreviation_the_corpus_never_printed_is_vouched_for_by_its_stop(model):
    # "prem." (premium) is in the abbreviation lists but not in the period books, so its
    # context cannot be weighed against "press"; without its stop it is still doubted.
    text = "Exchequer Bills, 3s. to 5s. prem. Spanish Actives fell."
    assert [f for f in found(model, text) if f[0] == "prem"] == []
    assert ("prem", "real-word", "press") in found(model, text.replace("prem.", "prem"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The public offices were shut. riere is a valuable addition.", ("riere", "Here")),
        ("She Iiad just come from town.", ("Iiad", "had")),
        # (a title keeps its capitals; on an OCR page, where "Patber" is doubted as a name)
        ("The Old Patber Time came, aud tbe clock struck.", ("Patber", "Father")),
        # A closing quote after the full stop still ends the sentence.
        ("They were wet to the skin.\"\nell, there is something.", ("ell", "Well")),
    ],
)
def test_a_misread_first_letter_takes_the_case_its_place_wants(model, text, expected):
    assert expected in [(f[0], f[2]) for f in found(model, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was the usual disad-vantage of the place.", ("disad-vantage", "disadvantage")),
        ("They rode over the battleeld at dawn.", ("battleeld", "battlefield")),  # lost fi
        # Two letters misread in a word print uses less than the most frequent ones.
        ("The horses were aptendidly groomed.", ("aptendidly", "splendidly")),
        ("The sofa and the comlbrts of home.", ("comlbrts", "comforts")),
        # ... and in a long word print used only some dozens of times a decade.
        ("It was the unwortbinese of the man.", ("unwortbinese", "unworthiness")),
        ("He was a man of ondesorving fame.", ("ondesorving", "undeserving")),
        # A compound's misread parts are mended one by one, capitalised ones too.
        ("He lived at 9, Priuces-street, London.", ("Priuces-street", "Princes-street")),
        ("They went to Wlllitm-itreet yesterday.", ("Wlllitm-itreet", "William-street")),
        # The whole is weighed: a compound print set beats a cheaper one it never set, ...
        ("I shall see him to-utorrow, if I can.", ("to-utorrow", "to-morrow")),
        ("He had worx-bexes of every kind for sale.", ("worx-bexes", "work-boxes")),
        # ... a word broken at a line end and misread is read whole, ...
        ("It was a great impaove-ment in the roads.", ("impaove-ment", "improvement")),
        ("He con-aulted his friends before he went.", ("con-aulted", "consulted")),
        # ... and of compounds print never set, the one of commoner parts comes first.
        ("Sold at 4, Newman-strest, London.", ("Newman-strest", "Newman-street")),
        # ... and a part with a letter read as a digit, or a possessive's s read as one.
        ("He lived in Silver-8tfeet, London.", ("Silver-8tfeet", "Silver-street")),
        ("Sold at BASINGHALL-8TREET daily.", ("BASINGHALL-8TREET", "BASINGHALL-STREET")),
        ("He went to TREBECK'8 shop.", ("TREBECK'8", "TREBECK'S")),
        ("He called at Mr. Bewick'6 house.", ("Bewick'6", "Bewick's")),
        # A learned multi-letter misreading and a plain one in the same short word.
        ("He went to tlic house of his father.", ("tlic", "the")),
        ("They said tliesc things were true.", ("tliesc", "these")),
    ],
)
def test_fixes_beyond_two_plain_edits_are_suggested(model, text, expected):
    assert expected in [(f[0], f[2]) for f in found(model, text)]


def test_learned_confusions_can_be_asked_for_multi_letter_edits_only(model):
    vocabulary = {"battlefield", "the"}
    assert "battlefield" in model.errors.confusions("battleeld", 6.0, vocabulary,
                                                    multi_letter_only=True)
    assert "the" in model.errors.confusions("tbe", 6.0, vocabulary)
    assert "the" not in model.errors.confusions("tbe", 6.0, vocabulary, multi_letter_only=True)


def test_a_texts_habitual_misreading_is_priced_lower_in_that_text(model):
    from corrector.docerrors import discount, habitual_edits
    from corrector.document import Document

    # Four different words show the same misreading, "li" for "h": it is this text's habit.
    garbled = Document.from_text("The man said tliat wliich tliey knew was otlier than it seemed.")
    habits = habitual_edits(garbled, model)
    assert ("h", "li") in habits
    assert discount("the", "tlie", habits) > 0
    assert discount("the", "tbe", habits) == 0
    clean = Document.from_text("The man said that which they knew was other than it seemed.")
    assert habitual_edits(clean, model) == frozenset()


def test_words_less_their_final_s_show_a_text_that_drops_them(model):
    from corrector.docerrors import drops_final_s, lost_final_s
    from corrector.document import Document

    garbled = Document.from_text("The man wa at hi house in the town.")
    assert lost_final_s(garbled, model) == {"wa", "hi"}
    # A plural's singular is grammar, not evidence: "year" and "member" are common words.
    clean = Document.from_text("The member was at his house in the town a year ago.")
    assert lost_final_s(clean, model) == frozenset()
    # One stray "hi" in a long text is no sign: such words must be dense.
    long_text = Document.from_text("hi " + "The man was at his house in the town. " * 100)
    assert lost_final_s(long_text, model) == frozenset()
    # A word is no evidence for its own reading.
    assert drops_final_s("member", frozenset({"wa"}))
    assert not drops_final_s("wa", frozenset({"wa"}))
    assert not drops_final_s("member", frozenset())


def test_a_lost_final_s_is_read_where_the_text_drops_final_s(model):
    # "ha" for "has" is weighed with a cheaper lost s where other words ("wa", "hi") show
    # that this text drops final s's; on its own the context does not settle it.
    slip = "This memoir ha been undertaken by the editor."
    assert [f for f in scan_text(slip, model) if f.text == "ha"] == []
    found = [f for f in scan_text(slip + " The man wa at hi house in the town.", model)
             if f.text == "ha"]
    assert [f.suggestions[0].text for f in found] == ["has"]


def test_an_inflection_of_the_printed_word_needs_more_evidence(model):
    # "order" / "orders": two words either side seldom settle number or tense, so such a
    # confusion is priced dearer than its OCR cost; a misreading ("border") is not.
    from corrector.detectors.realword import (
        INFLECTION_COST,
        _weighed,
        _with_inflections,
        confusion_set,
    )

    confusions = confusion_set(model, "order")
    words, costs = _with_inflections(model, "order", *_weighed(model, "order", confusions))
    weighed = {model.data.vocab[int(w)]: c for w, c in zip(words[1:], costs[1:])}
    plain = dict(confusions)
    assert weighed["orders"] == pytest.approx(plain["orders"] + INFLECTION_COST)
    assert weighed["border"] == pytest.approx(plain["border"])


def test_a_name_after_a_title_is_not_weighed_against_other_names(model):
    # "Mr. Tooke": any surname fits after "Mr.", so the context cannot prefer "Rooke".
    text = "He said upon the point, and that Mr. Tooke was unable to support it."
    assert [f for f in scan_text(text, model) if f.text == "Tooke"] == []
    # Print capitalises a title (or a name) nearly wherever no sentence begins; not "the".
    data = model.data
    assert data.capitalised_where_no_sentence_begins("mr") >= 0.8
    assert data.capitalised_where_no_sentence_begins("the") < 0.1
    # The real-word slips around a name are still found.
    slip = "There would he no peace until Mr. Smith came."
    assert ("he", "real-word", "be") in found(model, slip)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He communiCated the news to the committee.", ("communiCated", "communicated")),
        ("The office in LoNDON was closed.", ("LoNDON", "LONDON")),
        ("They drank the wAter of the river.", ("wAter", "water")),
        ("He lived in WIlson-Furness for a year.", ("WIlson-Furness", "Wilson-Furness")),
    ],
)
def test_a_period_word_with_letters_in_the_wrong_case_is_flagged(model, text, expected):
    word, fix = expected
    assert (word, "non-word", fix) in found(model, text)


def test_a_name_set_in_two_cased_pieces_is_no_case_slip(model):
    assert found(model, "Mr. MacGregor and Mr. McDonald met the LONDON agent.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The speech of President McKinley was printed in full.",
        "Then Mr. McFarlane went down to the mill.",
        "The fleece was kept by AEetes in the grove.",
    ],
)
def test_a_name_whose_second_piece_no_list_knows_is_no_case_slip(model, text):
    # "Kinley", "Farlane", "etes" are no words: the name itself, which print capitalises,
    # vouches for its capitals.
    assert [f for f in found(model, text) if f[1] == "non-word"] == []


def test_a_common_word_set_in_capitalised_pieces_is_still_a_case_slip(model):
    assert ("HoMe", "non-word", "Home") in found(model, "HoMe was far away that night.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The letter was signed, 8ir, by the clerk.", ("8ir", "Sir")),
        ("THE 9TOCK EXCHANGE", ("9TOCK", "STOCK")),
        # (a "6" stands for a small s, an "8" most often for a capital: the train pages)
        ("He saw that 6he was gone.", ("6he", "she")),
        ("The 6mall boy and 8ix others came.", ("8ix", "Six")),
    ],
)
def test_a_word_whose_first_letter_was_read_as_a_digit_is_flagged(model, text, expected):
    word, fix = expected
    assert (word, "non-word", fix) in found(model, text)


def test_a_number_with_its_unit_is_no_misread_word(model):
    assert found(model, "The box was 8in wide, 6in deep and 2ft high; 5lbs in all.") == []


def test_a_dear_misreading_is_weighed_only_on_a_garbled_page(model):
    # "mosey" for "money" is a dearer misreading than the ones weighed everywhere: on a page
    # whose other words are misread it is found, on a clean page it is not even weighed.
    garbled = "He was extremely scmprulous over mosey matters, aud never allowed himsclf tbe least."
    clean = "He was extremely scrupulous over mosey matters, and never allowed himself the least."
    assert ("mosey", "real-word", "money") in found(model, garbled)
    assert found(model, clean) == []


def test_a_plural_ending_read_as_a_detached_mark_is_restored(model):
    text = ("The board is two feet long and six inch , and the legs are of oak. "
            "It was sold, with the rest, for ten pounds.")
    assert ("inch ,", "split-word", "inches,") in found(model, text)


def test_detached_marks_of_tokenised_text_are_left_alone(model):
    text = ("The board is two feet long and six inch , and the legs are of oak , he said . "
            "It was sold , with the rest , for ten pounds .")
    assert found(model, text) == []


STRAY = ("The {0} of {1} society was {2} at the hall, and prices remain q nominal, {3} the "
         "Rev. Smith spoke on the Missions of {1} Church (see (e) below); a b c, d by Ebberton, "
         "3 s 6 d.")


def test_a_lone_letter_on_a_misread_page_is_flagged_without_a_fix(model):
    garbled = found(model, STRAY.format("meetinq", "tlie", "lield", "wliile"))
    assert ("q", "non-word", None) in garbled
    # beside letters, numbers, brackets
    assert [f for f in garbled if f[0] in ("b", "c", "d", "e", "s")] == []


def test_a_lone_letter_on_a_clean_page_is_left_alone(model):
    assert found(model, STRAY.format("meeting", "the", "held", "while")) == []


def test_a_fix_on_a_span_wins_over_a_bare_flag_of_it(model):
    from dataclasses import replace

    from corrector.detectors import RealWordDetector, StrayLetterDetector

    class SureStray(StrayLetterDetector):
        def detect(self, document, model):  # surer than any fix: the fix must still stand
            return (replace(f, confidence=1.0) for f in super().detect(document, model))

    text = ("The meetinq of tlie society was lield at the hall, and the salary will b given "
            "for the first year, wliile the Rev. Smith spoke.")
    findings = scan_text(text, model, (SureStray(), RealWordDetector()), calibrated=False)
    assert [(f.text, f.best) for f in findings if f.text == "b"] == [("b", "be")]


MIDCAP = ("Tbe sbip arrived In port on {0} morning of Monday, and {1} the men were at work "
          "tbe cargo was landed by tbe crew.")


def test_a_common_small_word_capitalised_inside_a_sentence_is_flagged_on_a_misread_page(
        model):
    assert ("In", "real-word", "in") in found(model, MIDCAP.format("tlie", "wliile"))


def test_a_clean_page_keeps_a_capitalised_small_word(model):
    text = MIDCAP.format("the", "while").replace("Tbe sbip", "The ship").replace("tbe", "the")
    assert found(model, text) == []


def test_a_page_that_capitalises_by_custom_keeps_its_capitals(model):
    text = ("Tbe Sbip arrived In port on tlie Morning of Monday, and wliile the Men were at "
            "Work tbe Cargo was landed by tbe Crew.")
    assert [f for f in found(model, text) if f[0] == "In"] == []


def test_archaic_verb_forms_of_known_verbs_are_period_words(model):
    # "noteth", "fulfilleth", "severeth": no list has them, period sermons and translations
    # print them; the verb they inflect vouches for them.
    text = "He that noteth the law fulfilleth it, and severeth the chaff from the grain."
    assert [f for f in found(model, text) if f[1] == "non-word"] == []
    # A misreading that only looks archaic is still a slip.
    assert ("hinseleth", "non-word") in [f[:2] for f in found(model,
                                          "He came hinseleth to the door.")]


def test_words_with_letters_english_print_does_not_set_are_left_alone(model):
    # Foreign words, names and period spellings with accents, a diaeresis or a ligature:
    # OCR of English print does not make these letters up.
    text = ("The flâneurs and croisés stood about, ceteris paribus, and cæteris paribus; "
            "the meeting was rëassembled at Bagnères.")
    assert [f for f in found(model, text) if f[1] == "non-word"] == []
    assert ("flaneurz", "non-word") in [f[:2] for f in found(model, "The flaneurz stood.")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A letter read as a stop or a colon cuts a word in two known or short pieces.
        ("The rooms were well furn.shed, with a garden.", ("furn.shed", "furnished")),
        ("He lives in Chesh:re with his wife.", ("Chesh:re", "Cheshire")),
        ("She was not at home ar.d the door was shut.", ("ar.d", "and")),
    ],
)
def test_a_mark_between_letters_may_be_a_misread_letter(model, text, expected):
    assert [(f.text, f.best) for f in scan_text(text, model)
            if f.extra.get("class") == "mark"] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The town of Cheshire, i.e. the county, was quiet.",
        "I met him at 3 p.m. on Monday, and the U.S.A. was far.",
        "He went to the house.The door was open.",
        "He did it (even so) with care, and 'tis done.",
        "'Yes,' she said, 'he would come.'",
        "Mr. J.Smith and Mr. Jones went home.",
    ],
)
def test_marks_that_are_punctuation_are_left_alone(model, text):
    assert [f for f in scan_text(text, model) if f.extra.get("class") == "mark"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two words run together, one of them misread: "tbe" for "the".
        ("He was there throughouttbe day.", ("throughouttbe", "throughout the")),
        ("He saw tbeman in the street.", ("tbeman", "the man")),
    ],
)
def test_run_together_words_may_have_a_misread_part(model, text, expected):
    assert expected in [(f.text, f.best) for f in scan_text(text, model)]


def test_a_misread_part_is_tried_only_when_no_plain_split_reads(model):
    suggester = model.suggester
    assert ("throughout", "the") in [(a, b) for a, b, _ in
                                     suggester.misread_splits("throughouttbe")]
    # "ofthe" reads as "of the" as printed: no dearer misread reading competes with it.
    window = (None, None, None, None)
    assert [c.word for c in suggester.candidates("ofthe", window) if " " in c.word] == [
        "of the"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A piece misread, so the join is no word either: one fix for both pieces.
        ("He was a Con aervative member of the House.",
         ("Con aervative", "split-word", "Conservative")),
        ("The sugges tioos were good.", ("sugges tioos", "split-word", "suggestions")),
        # A speck read as a stop and a space inside a period word.
        ("The cor. porations met.", ("cor. porations", "split-word", "corporations")),
        # Two letters misread: beyond one deletion each way, found by the wider look-up.
        ("They an uounoed the news to the people.",
         ("an uounoed", "split-word", "announced")),
    ],
)
def test_a_split_word_with_a_misread_piece_is_joined_and_mended(model, text, expected):
    assert expected in found(model, text)
    start, end = text.index(expected[0]), text.index(expected[0]) + len(expected[0])
    # ... and takes the place of the non-word findings on its pieces.
    assert [f for f in scan_text(text, model) if start <= f.start < end] == [
        f for f in scan_text(text, model) if f.text == expected[0]]


@pytest.mark.parametrize(
    "text",
    [
        "The price is 3s. per lb. per week.",  # an abbreviation's stop is no speck
        "They went to Souvarine and said so.",  # a name: the join reads as nothing
        "W ATCHES AND CLOCKS",  # a drop capital is set apart on purpose
        "Mr. B Varwell said so.",  # an initial and a name ("Barwell" is a name too)
    ],
)
def test_pieces_that_are_no_split_word_are_not_joined(model, text):
    assert [f for f in scan_text(text, model) if f.extra.get("class") == "misread"] == []


def test_a_join_with_a_misread_piece_is_weighed_against_the_pieces_read_apart(model):
    from corrector.detectors.splitword import _misread_joins
    from corrector.document import Document

    # "tbe" alone reads as "the", and "the same" fits: no join ("tbesame" is no word, and
    # "besame" or the like would need dear edits), so the pieces stand.
    document = Document.from_text("It was tbe same man.")
    assert list(_misread_joins(document, model)) == []

def test_a_word_the_page_prints_is_a_reading_of_a_badly_misread_word(model):
    # "aebool" is three plain edits from "school": beyond the period-wide look-ups, but the
    # page prints "school" a sentence before.
    page = "Tbe boys went to tbe school at nine. Tlie aebool was closed aud tbe master left."
    assert ("aebool", "non-word", "school") in found(model, page)
    elsewhere = "Tbe boys went to tbe house at nine. Tlie aebool was closed aud tbe master left."
    assert ("aebool", "non-word", "school") not in found(model, elsewhere)


def test_page_words_are_asked_for_only_when_nothing_cheap_reads_the_word(model):
    suggester = model.suggester
    # No left neighbour: its followers would offer "school" too ("to school").
    window = (None, None, "at", "nine")
    asked: list[str] = []

    def page() -> tuple[str, ...]:
        asked.append("page")
        return ("boys", "school", "nine")

    assert "school" in [c.word for c in suggester.candidates("aebool", window, page_words=page)]
    assert "school" not in [c.word for c in suggester.candidates("aebool", window)]
    assert asked == ["page"]
    # "tbe" is a cheap misreading of "the": the page's words are not even listed.
    suggester.candidates("tbe", window, page_words=page)
    assert asked == ["page"]


def test_a_clean_page_does_not_try_its_own_words_as_readings(model):
    from corrector.detectors.nonword import clean_page, page_words
    from corrector.document import Document

    book = Document.from_text("The boys went to the school at nine and came home. " * 20
                              + "The aebool was closed.")
    assert clean_page(book, model)
    garbled = Document.from_text("Tbe boys went to tbe school at nine. Tlie aebool was closed.")
    assert not clean_page(garbled, model)
    # The page's period words in the order it prints them, once each, without marks,
    # numbers or words the corpus does not print.
    assert page_words(garbled, model)[:4] == ("boys", "went", "to", "school")
    assert "aebool" not in page_words(garbled, model) and "tbe" not in page_words(garbled, model)


def test_the_error_model_search_combines_learned_and_unlearned_edits():
    from corrector.errormodel import DEFAULT_INSERT, DEFAULT_SUBSTITUTE, PUNCT_EDIT, ErrorModel

    errors = ErrorModel({("m", "rn"): 2.5, ("h", "li"): 2.5, ("fi", ""): 4.0,
                         ("e", "c"): 3.0, ("", "-"): 2.0})
    assert errors.cost("tlic", "the") == 2.5 + 3.0  # two learned edits side by side
    assert errors.cost("battleeld", "battlefield") == 4.0  # a lost ligature
    assert errors.cost("arn", "am") == 2.5  # a learned edit at the word's end
    assert errors.cost("tlix", "the") == 2.5 + DEFAULT_SUBSTITUTE  # learned, then unlearned
    assert errors.cost("thex", "the") == DEFAULT_INSERT
    assert errors.cost("th'e", "the") == PUNCT_EDIT
    assert errors.cost("rnodcrn", "modern") == 2.5 + 3.0 + 0.0  # "rn" kept where it was right
    assert errors.cost("xyz", "the") == 3 * DEFAULT_SUBSTITUTE


MISREAD_PAGE = "Tbe men wbo carne were {} tbem all."  # misread enough to look for fragments


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        ("tbe b st of", ("b st", "split-word", "best")),  # both pieces period words
        ("on tbe holi lays of", ("holi lays", "split-word", "holidays")),
    ],
)
def test_known_pieces_one_a_fragment_are_joined_on_a_misread_page(model, pair, expected):
    text = MISREAD_PAGE.format(pair)
    assert expected in found(model, text)
    # ... and the join stands alone on its span: no finding on either piece.
    start = text.index(expected[0])
    assert [f.text for f in scan_text(text, model)
            if start <= f.start < start + len(expected[0])] == [expected[0]]


def test_known_pieces_are_not_joined_on_a_clean_page(model):
    assert found(model, "The men who came were the b st of them all.") == []


def test_a_fragment_read_apart_may_beat_the_join(model):
    from corrector.detectors.splitword import FRAGMENT, _misread_join_places, _misread_joins
    from corrector.document import Document

    # "f" is a fragment, and "Germans" is one cheap edit from "Germanf"; but "f" read as
    # "of" fits far better: weighed, though, the pair is not joined.
    document = Document.from_text(MISREAD_PAGE.format("from tbe German f"))
    i = next(k for k, token in enumerate(document.tokens) if token.text == "German")
    assert (i, ("word", FRAGMENT)) in _misread_join_places(document, model)
    assert [f.text for f in _misread_joins(document, model)] == []


def test_fragments_are_words_period_print_seldom_prints_alone(model):
    from corrector.detectors.splitword import _fragments
    from corrector.document import Document

    document = Document.from_text("the th holi lays man")
    assert _fragments(document, model).tolist() == [False, True, True, False, False]


def test_inflections_of_a_word_and_of_its_stem():
    from corrector.suggest import inflections

    assert inflections("quality") == {"qualitys", "qualityes", "qualityd", "qualityed",
                                      "qualities"}
    assert {"regulate", "regulatess"} <= inflections("regulates")
    assert "regulated" not in inflections("regulates")  # siblings come through the stem
    assert "regulat" in inflections("regulated") and "regulate" in inflections("regulated")
    assert "as" not in inflections("ask")  # no stem shorter than three letters


@pytest.mark.parametrize(
    ("printed", "gold", "sibling"),
    [("ragnlates", "regulates", "regulated"), ("qualitla", "qualities", "quality"),
     ("landiorda", "landlords", "landlord")],
)
def test_a_misread_ending_is_read_as_the_found_words_sibling(model, printed, gold, sibling):
    """The sibling inflection of a word the look-ups found competes, priced by the OCR
    model: here it is the cheaper reading and comes first."""
    window = (None, None, None, None)
    ranked = [c.word for c in model.suggester.candidates(printed, window)]
    assert ranked[0] == gold and sibling in ranked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was half-put ten when he left.", ("half-put", "half-past")),
        ("He posted it at the Pot-office in the town.", ("Pot-office", "Post-office")),
        ("We shall meet again to-morro at noon.", ("to-morro", "to-morrow")),
    ],
)
def test_a_compound_with_a_misread_part_is_read_as_the_compound_print_set(
        model, text, expected):
    """Every part is a word, but print never set the whole and often set the compound one
    cheap misreading away."""
    findings = [f for f in scan_text(text, model) if f.extra.get("class") == "compound"]
    assert [(f.text, f.best) for f in findings] == [expected]


def test_a_new_compound_print_set_as_two_words_is_left_alone(model):
    """ "deck-house" (print set it 37 times, an o for an e away) is too rare a compound
    to overrule the printed "Dock-house", which print also set as "dock house"."""
    from corrector.detectors.compounds import misread_compound

    assert misread_compound("Dock-house", 0.04, model) is None
    assert misread_compound("half-past", 0.2, model) is None  # printed: nothing to mend
    assert misread_compound("half-put", 0.04, model)[0][0][0] == "half-past"


def test_a_text_that_lost_its_fi_ligatures_has_lost_its_fl_ones_too(model):
    """Three words show the lost fi; no word shows a lost fl, yet "ames" is read as
    "flames" before "names": the scanner missed the ligature glyphs, all of them."""
    text = ("He was satised with the magnicent dinner, and his condence grew as the "
            "evening went on. The difculty of the task was great, but he did not mind it. "
            "Then he sat down beside the old dog and looked at the ames of the candle.")
    assert ("ames", "real-word", "flames") in found(model, text)


def test_a_mended_compound_keeps_the_letters_of_the_parts_read_as_printed(model):
    """Only the misread part takes a new spelling: "Combu-tMH" mended is "Combs-tMH", not
    "Combs-tmh", and a mended part takes the case its printed part had."""
    from corrector.finding import Suggestion
    from corrector.hyphenreadings import in_printed_case
    from corrector.suggest import Candidate

    readings = [Candidate("combs-tmh", 2.0, -20.0), Candidate("combust", 9.0, -12.0)]
    suggestions = [Suggestion("Combs-tmh", 0.6, ""), Suggestion("Combust", 0.4, "")]
    mended = in_printed_case("Combu-tMH", suggestions, readings, model)
    assert [s.text for s in mended] == ["Combs-tMH", "Combust"]
    (capitals,) = in_printed_case("MARKET-PLACB", [Suggestion("Market-place", 1.0, "")],
                                  [Candidate("market-place", 1.0, -9.0)], model)
    assert capitals.text == "MARKET-PLACE"


def test_a_slip_before_an_apostrophe_is_still_found_when_its_fix_is_no_longer_word(model):
    """An apostrophe after a word marks letters left off only when the fix would put them
    back ("o'" for "of"); a misreading before a closing quote is still a misreading."""
    text = "\u2018We are obliged to make temporary agreements with arid\u2019 she said."
    assert ("arid", "real-word", "and") in found(model, text)


def test_on_an_ocr_page_an_apostrophe_after_a_word_may_be_a_misread_letter(model):
    """ "years ag' was" for "ago", "thei' former" for "their": a scanner reads a faint
    letter as an apostrophe, so the word is still doubted on a misread page."""
    text = ("Tbe oommittee met on Tuesdav, and tbe cbairman read tbe minutes of tbe last "
            "meetiug. Tlie members were uot all present, but tbe business went on as nsual, "
            "and this lady some years ag' was on very intimate terms with thei' former "
            "neighbours.")
    fixes = {f[0]: f[2] for f in found(model, text)}
    assert fixes["ag"] == "ago" and fixes["thei"] == "their"


def test_a_letter_drawn_out_at_a_word_end_once_is_no_speech_form(model):
    """Once at the end ("ar-r", "d-d") is as often a misreading's leftover as a sound."""
    from corrector.known import known_word

    assert not known_word("ar-r", model.data)
    assert known_word("Ri-i-ley", model.data)
