"""Statements: quotations, reported speech, speakers, relays, dates and boilerplate (issue #5).

Every article here is written for these tests; none is copied from a corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import api
from kg.extract.statement_text import excluded_lines, find_quotes, quote_chains
from kg.lexicons import load_lexicon
from kg.model import Extraction, Statement

FISHING = (
    "Ministers meet in Lisbon over fishing quotas\n\n"
    "Portuguese Fisheries Minister Ana Duarte said on Tuesday that the talks with Spain were "
    '"difficult but honest".\n'
    '"We will not give up our waters," Duarte told reporters. "Our fleets depend on them."\n'
    '"The quotas must be fair," the Spanish delegate, Luis Romero, said, "and they must be enforced."\n'
    "A Spanish diplomatic source, cited by the Associated Press, said Wednesday's session would decide "
    "the matter.\n"
    "One Portuguese official said the agreement was close, while another Portuguese official denied that any "
    "deal had been reached.\n"
    "The European Commission warned that overfishing threatened the stocks, emphasizing the need for "
    "stricter controls.\n"
    "It was announced by the Spanish government that the fleet would stay in port.\n"
    "Catches fell by a third last year, according to the Marine Institute, a research body in Galway.\n"
    "Romero accused Portugal of ignoring scientific advice.\n"
    "Reporting by Jane Miller; Editing by Tom Hardy\n"
    "Source link\n"
)

HARBOUR = (
    "Harbour workers strike in Valletta\n\n"
    '"The port has been closed since dawn, and no ship will leave until the government listens. '
    "We have waited for three years.\n"
    '"Our members are tired of promises," union leader Maria Zammit said on Monday.\n'
    "Prime Minister Robert Abela told reporters that talks would resume next week, and said in a statement "
    'Thursday that the government was "ready to listen."\n'
    "He said the army would not be called in.\n"
    "A senior official, quoted by the Times of Malta, which cited the state broadcaster TVM, said the "
    "cabinet would meet on Friday.\n"
    "Abela believes that a deal is possible.\n"
    "Photo: Getty Images\n"
)


@pytest.fixture(scope="module")
def fishing(extract_text) -> Extraction:  # type: ignore[no-untyped-def]
    return extract_text(FISHING, date="2025-03-14", id="fishing")


@pytest.fixture(scope="module")
def harbour(extract_text) -> Extraction:  # type: ignore[no-untyped-def]
    return extract_text(HARBOUR, date="2025-03-14", id="harbour")


def content(ex: Extraction, st: Statement) -> str:
    return st.content.text(ex.article.text)


def find(ex: Extraction, fragment: str) -> Statement:
    """The statement whose content contains ``fragment``."""
    hits = [s for s in ex.statements if fragment in content(ex, s)]
    assert hits, f"no statement contains {fragment!r}: {[content(ex, s) for s in ex.statements]}"
    return min(hits, key=lambda s: s.content.end - s.content.start)


def speaker_name(ex: Extraction, st: Statement) -> str | None:
    a = ex.actor(st.speaker)
    return a.name if a else None


# -- quotations ---------------------------------------------------------------------------------


def test_mixed_quote_is_kept_whole_with_cue_date(fishing: Extraction) -> None:
    st = find(fishing, "difficult but honest")
    assert content(fishing, st) == 'the talks with Spain were "difficult but honest"'
    assert st.kind == "mixed"
    assert speaker_name(fishing, st) == "Ana Duarte"
    assert st.date == "2025-03-11"  # "on Tuesday" before Friday 14 March
    assert st.cue == "said"


def test_quote_split_around_the_cue_is_one_direct_statement(fishing: Extraction) -> None:
    st = find(fishing, "The quotas must be fair")
    text = content(fishing, st)
    assert text.startswith('"The quotas') and text.endswith('enforced."')
    assert st.kind == "direct"  # the inserted "the Spanish delegate ... said" is not what was said
    assert speaker_name(fishing, st) == "Luis Romero"  # through the apposition
    assert st.speaker_mention is not None
    assert st.speaker_mention.text(fishing.article.text) == "the Spanish delegate"


def test_quote_goes_on_in_the_next_sentence(fishing: Extraction) -> None:
    st = find(fishing, "We will not give up our waters")
    assert content(fishing, st).endswith('"Our fleets depend on them."')
    assert st.kind == "direct"
    assert speaker_name(fishing, st) == "Ana Duarte"
    assert st.reported_by == ()  # reporters are an audience, not a relay


def test_quote_across_paragraphs_attributed_at_its_end(harbour: Extraction) -> None:
    st = find(harbour, "tired of promises")
    text = content(harbour, st)
    assert text.startswith('"The port has been closed since dawn')
    assert "\n" in text and text.endswith('promises,"')
    assert st.kind == "direct"
    assert speaker_name(harbour, st) == "Maria Zammit"
    assert st.date == "2025-03-10"


def test_find_quotes_straight_curly_and_open_paragraphs() -> None:
    text = 'He said \u201cyes\u201d and "no".\n"First part.\n"Second part," she said.'
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes][:2] == ["\u201cyes\u201d", '"no"']
    opened = next(q for q in quotes if q.open_end)
    assert text[opened.start : opened.end] == '"First part.'
    assert quote_chains(text, quotes)[opened.start] == text.index("she") - 1


# -- reported speech, stances, second cues, passives ------------------------------------------------


def test_reported_speech_with_stances(fishing: Extraction) -> None:
    warn = find(fishing, "overfishing threatened the stocks")
    assert (warn.stance, warn.kind) == ("warn", "indirect")
    assert speaker_name(fishing, warn) == "European Commission"
    assert content(fishing, warn) == "overfishing threatened the stocks"  # no "that", no second cue
    deny = find(fishing, "any deal had been reached")
    assert deny.stance == "deny"
    accuse = find(fishing, "ignoring scientific advice")
    assert accuse.stance == "accuse"
    assert content(fishing, accuse) == "Portugal of ignoring scientific advice"
    portugal = next(a.id for a in fishing.actors if a.name in ("Portugal", "Portuguese Republic"))
    assert portugal in accuse.about


def test_participle_is_a_second_statement_by_the_same_speaker(fishing: Extraction) -> None:
    first = find(fishing, "overfishing threatened the stocks")
    second = find(fishing, "the need for stricter controls")
    assert second.cue == "emphasizing"
    assert second.speaker == first.speaker and second.speaker is not None


def test_passive_with_agent(fishing: Extraction) -> None:
    st = find(fishing, "the fleet would stay in port")
    assert st.cue == "announced"
    assert "Spanish government" in (speaker_name(fishing, st) or "")


def test_according_to_with_apposition(fishing: Extraction) -> None:
    st = find(fishing, "Catches fell by a third")
    assert st.cue == "according to"
    assert speaker_name(fishing, st) == "Marine Institute"
    assert "according" not in content(fishing, st)


def test_headline_and_boilerplate_never_become_statements(fishing: Extraction, harbour: Extraction) -> None:
    for ex in (fishing, harbour):
        first_line_end = ex.article.text.index("\n")
        for st in ex.statements:
            assert st.content.start > first_line_end
            assert "Reporting by" not in content(ex, st) and "Source link" not in content(ex, st)
            assert "Getty" not in content(ex, st)


def test_excluded_lines_lexicon() -> None:
    text = "A headline without a period\nThe body said so.\nReporting by A. Writer; Editing by B. Editor\n"
    text += "Source link"
    lines = [text[s:e] for s, e in excluded_lines(text)]
    assert lines == [
        "A headline without a period",
        "Reporting by A. Writer; Editing by B. Editor",
        "Source link",
    ]


# -- speakers -------------------------------------------------------------------------------------


def test_two_anonymous_sources_are_two_actors(fishing: Extraction) -> None:
    one = find(fishing, "the agreement was close")
    other = find(fishing, "any deal had been reached")
    assert content(fishing, one) == "the agreement was close"  # the contrasted second cue is cut off
    a, b = fishing.actor(one.speaker), fishing.actor(other.speaker)
    assert a is not None and b is not None and a.id != b.id
    assert a.anonymous and b.anonymous and a.type == "Group"
    assert a.key != b.key


def test_pronoun_speaker_is_resolved_and_mention_kept(harbour: Extraction) -> None:
    st = find(harbour, "the army would not be called in")
    assert speaker_name(harbour, st) == "Robert Abela"
    assert st.speaker_mention is not None and st.speaker_mention.text(harbour.article.text) == "He"


def test_every_statement_has_a_speaker_mention(fishing: Extraction, harbour: Extraction) -> None:
    for ex in (fishing, harbour):
        assert ex.statements
        assert all(s.speaker_mention is not None for s in ex.statements)


def test_conjoined_cue_has_its_own_date(harbour: Extraction) -> None:
    told = find(harbour, "talks would resume next week")
    said = find(harbour, "ready to listen")
    assert speaker_name(harbour, told) == speaker_name(harbour, said) == "Robert Abela"
    assert said.date == "2025-03-13"  # "in a statement Thursday"
    assert told.date is None


def test_belief_is_an_attribution_with_its_own_stance(harbour: Extraction) -> None:
    st = find(harbour, "a deal is possible")
    assert st.stance == "believe" and speaker_name(harbour, st) == "Robert Abela"
    assert load_lexicon("cues")["verbs"]["believe"]["class"] == "belief"


# -- relays ---------------------------------------------------------------------------------------


def test_cited_by_is_a_relay(fishing: Extraction) -> None:
    st = find(fishing, "session would decide the matter")
    src = fishing.actor(st.speaker)
    assert src is not None and src.anonymous and src.name == "Spanish diplomatic source"
    assert [fishing.actor(r).name for r in st.reported_by] == ["Associated Press"]  # type: ignore[union-attr]
    assert st.date is None  # "Wednesday's session" is inside what was said


def test_two_step_relay_chain_in_order(harbour: Extraction) -> None:
    st = find(harbour, "the cabinet would meet")
    names = [harbour.actor(r).name for r in st.reported_by]  # type: ignore[union-attr]
    assert names == ["Times of Malta", "TVM"]  # nearest to the article first
    assert speaker_name(harbour, st) == "senior official"
    assert not any(s.cue == "cited" for s in harbour.statements)  # "which cited" is a relay, not speech
    assert st.date is None  # "on Friday" is inside what was said: not the date of saying it


def test_told_a_medium_is_a_relay(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text("The mayor told the BBC that the bridge would reopen.\n", date="2025-03-14")
    st = find(ex, "the bridge would reopen")
    assert [ex.actor(r).name for r in st.reported_by] == ["BBC"]  # type: ignore[union-attr]


# -- queries --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def statement_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("articles")
    (src / "fishing.txt").write_text(FISHING, encoding="utf-8")
    (src / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    path = tmp_path_factory.mktemp("st") / "store"
    api.build([src], store=path, date="2025-03-14")
    return path


def rows(result) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return [dict(zip(result.columns, r, strict=True)) for r in result.rows]


def test_query_relay_chains(statement_store: Path) -> None:
    got = rows(api.query("relay-chains", store=statement_store))
    chains = {r["speaker"]: r["chain"] for r in got}
    assert chains["senior official"] == "1. Times of Malta < 2. TVM"
    assert chains["Spanish diplomatic source"] == "1. Associated Press"
    only = rows(api.query("relay-chains", store=statement_store, params={"relay": "tvm"}))
    assert [r["speaker"] for r in only] == ["senior official"]


def test_query_statements_about(statement_store: Path) -> None:
    got = rows(api.query("statements-about", store=statement_store, params={"actor": "portugal"}))
    assert any(r["speaker"] == "Luis Romero" and r["stance"] == "accuse" for r in got)
    assert all("Portugal" in r["about"] for r in got)


def test_query_most_quoted(statement_store: Path) -> None:
    got = rows(api.query("most-quoted", store=statement_store))
    top = {r["speaker"]: r for r in got}
    assert int(top["Robert Abela"]["statements"]) >= 3
    assert top["Spanish diplomatic source"]["anonymous"] == "true"
    assert int(top["Spanish diplomatic source"]["relayedStatements"]) == 1


def test_query_who_said_what(statement_store: Path) -> None:
    got = rows(api.query("who-said-what", store=statement_store, params={"actor": "Zammit"}))
    assert len(got) == 1 and got[0]["kind"].lower() == "direct" and got[0]["date"] == "2025-03-10"
    assert got[0]["stance"] == "assert" and got[0]["asWritten"] == "union leader Maria Zammit"


RELAYS = (
    "Flood warnings in Kisumu\n\n"
    "The opposition leader was quoted by the Daily Nation as saying that the vote had been rigged.\n"
    "The minister's figures were wrong, as reported by the Standard newspaper.\n"
    "The governor, speaking to reporters on Monday, warned that the floods would get worse.\n"
    '"We are closing the schools," the education ministry said in a statement on Tuesday.\n'
)


@pytest.fixture(scope="module")
def relays(extract_text) -> Extraction:  # type: ignore[no-untyped-def]
    return extract_text(RELAYS, date="2025-03-14", id="relays")


def test_quoted_as_saying(relays: Extraction) -> None:
    st = find(relays, "the vote had been rigged")
    assert st.cue == "quoted as saying"
    assert speaker_name(relays, st) == "opposition leader"
    assert [relays.actor(r).name for r in st.reported_by] == ["Daily Nation"]  # type: ignore[union-attr]


def test_as_reported_by_names_the_source(relays: Extraction) -> None:
    st = find(relays, "figures were wrong")
    assert "Standard" in (speaker_name(relays, st) or "")
    assert "reported" not in content(relays, st)


def test_dates_from_the_speaker_participle_and_in_a_statement(relays: Extraction) -> None:
    assert find(relays, "the floods would get worse").date == "2025-03-10"
    closing = find(relays, "closing the schools")
    assert closing.date == "2025-03-11" and closing.kind == "direct"


SHAPES = (
    "Budget talks in Ottawa\n\n"
    "Finance Minister Claire Dubois said the deficit would shrink next year and her critics were wrong about "
    "the numbers.\n"
    "The surplus, the agency said in its annual report, will be spent on roads.\n"
    "Dubois said she expects the bill to pass easily, which would end a long fight in parliament.\n"
    'Opposition leader Mark Tanner said "higher taxes" and weaker growth would hurt families.\n'
    "Tanner is confident that voters will reject the plan.\n"
    "Economists have been critical of the forecast.\n"
    "Tanner's claim that the deficit had doubled was false.\n"
    "Dubois told the committee to finish its work by Friday.\n"
    "Polls show a close race in the capital.\n"
    "The union issued a statement calling the budget a betrayal of workers.\n"
    "Tanner added:\n\n"
    "Families cannot pay more for less, and this budget asks them to do exactly that.\n\n"
    'Dubois said she has one goal for the year: "a balanced budget."\n'
)


@pytest.fixture(scope="module")
def shapes(extract_text) -> Extraction:  # type: ignore[no-untyped-def]
    return extract_text(SHAPES, date="2025-03-14", id="shapes")


def test_second_complement_clause_belongs_to_the_content(shapes: Extraction) -> None:
    st = find(shapes, "the deficit would shrink")
    assert content(shapes, st).endswith("her critics were wrong about the numbers")


def test_parenthetical_cue_attributes_both_sides(shapes: Extraction) -> None:
    st = find(shapes, "will be spent on roads")
    assert content(shapes, st).startswith("The surplus")
    assert st.speaker_mention is not None and st.speaker_mention.text(SHAPES) == "the agency"


def test_trailing_relative_clause_is_the_writers_aside(shapes: Extraction) -> None:
    st = find(shapes, "the bill to pass easily")
    assert "long fight" not in content(shapes, st)


def test_quoted_words_inside_a_longer_complement_keep_the_complement(shapes: Extraction) -> None:
    st = find(shapes, "higher taxes")
    assert content(shapes, st).endswith("would hurt families") and st.kind == "mixed"


def test_cue_adjectives(shapes: Extraction) -> None:
    st = find(shapes, "voters will reject the plan")
    assert st.cue == "confident" and speaker_name(shapes, st) == "Mark Tanner"
    assert content(shapes, find(shapes, "the forecast")) == "the forecast"


def test_owned_cue_noun(shapes: Extraction) -> None:
    st = find(shapes, "the deficit had doubled")
    assert st.cue == "claim" and speaker_name(shapes, st) == "Mark Tanner"


def test_told_to_and_show_object(shapes: Extraction) -> None:
    assert find(shapes, "to finish its work").cue == "told"
    assert content(shapes, find(shapes, "a close race")) == "a close race in the capital"


def test_participle_on_an_issued_statement_speaks_for_the_issuer(shapes: Extraction) -> None:
    st = find(shapes, "the budget a betrayal")
    assert st.speaker_mention is not None and st.speaker_mention.text(SHAPES) == "The union"


def test_block_quotation_after_a_colon(shapes: Extraction) -> None:
    st = find(shapes, "Families cannot pay more")
    assert st.cue == "added" and speaker_name(shapes, st) == "Mark Tanner"


def test_cue_inside_reported_words_is_part_of_them(shapes: Extraction) -> None:
    # 'Dubois said she expects ...': the article attributes only what Dubois said
    assert [s.cue for s in shapes.statements if "the bill to pass" in content(shapes, s)] == ["said"]


def test_colon_quotation_continues_the_content(shapes: Extraction) -> None:
    st = find(shapes, "one goal for the year")
    assert content(shapes, st).endswith('"a balanced budget."') and st.kind == "mixed"


def test_light_verb_makes_its_subject_the_owner_of_a_cue_noun(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "Senator Ruth Okafor made the argument that the tax cuts would pay for themselves."
    ex = extract_text(text, id="light")
    st = find(ex, "the tax cuts would pay for themselves")
    assert st.cue == "argument" and speaker_name(ex, st) == "Ruth Okafor"


def test_participle_after_a_quoted_word_keeps_its_own_content(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Mayor Tomas Lind confirmed on Monday that the budget talks were "productive", '
        "stressing that both councils must cut costs."
    )
    ex = extract_text(text, id="participle")
    stressing = [s for s in ex.statements if s.cue == "stressing"]
    assert [content(ex, s) for s in stressing] == ["both councils must cut costs"]
    assert stressing[0].kind == "indirect" and speaker_name(ex, stressing[0]) == "Tomas Lind"
    assert "productive" in content(ex, find(ex, "budget talks"))


def test_a_wish_is_not_a_statement(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The council has reportedly wanted to close the library, and the mayor said the decision was final."
    )
    ex = extract_text(text, id="wish")
    assert [s.cue for s in ex.statements] == ["said"]
    assert content(ex, ex.statements[0]) == "the decision was final"


# -- session 4: parses the cue rules missed ----------------------------------------------------------


def test_call_on_with_a_particle_takes_the_addressee_and_the_infinitive(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text("The Moreno family has called on the city to publish the report.", id="callon")
    st = find(ex, "the city to publish the report")
    assert content(ex, st) == "the city to publish the report" and st.cue == "called on"


def test_participle_of_a_noun_subject_speaks_for_it(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text("Senator Ruth Okafor, saying that the bill was flawed, voted against it.", id="vbg")
    st = find(ex, "the bill was flawed")
    assert st.cue == "saying" and speaker_name(ex, st) == "Ruth Okafor"


def test_gerund_complement_of_an_object_cue_is_its_object(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text("Mayor Tomas Lind proposed raising the parking fees downtown.", id="gerund")
    st = find(ex, "raising the parking fees")
    assert st.cue == "proposed" and content(ex, st).startswith("raising")


def test_clipped_lemma_still_finds_the_cue(extract_text) -> None:  # type: ignore[no-untyped-def]
    # the lemmatiser gives 'hop' for 'hoped' and 'hopes'
    ex = extract_text("Mayor Tomas Lind hoped the council would approve the budget.", id="hoped")
    st = find(ex, "the council would approve the budget")
    assert st.cue == "hoped" and speaker_name(ex, st) == "Tomas Lind"


def test_same_speaker_participle_does_not_end_her_quotations(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"We remain open to talks," Mayor Tomas Lind said, referring to the harbour dispute. '
        '"But we will not wait forever."'
    )
    ex = extract_text(text, id="runon")
    st = find(ex, "We remain open to talks")
    assert content(ex, st).endswith('"But we will not wait forever."') and st.kind == "direct"


def test_cue_clause_with_an_addressee_inside_the_reported_sentence(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "The difference now, Mayor Tomas Lind told reporters on Friday, is that the port is profitable."
    ex = extract_text(text, id="toldme")
    st = find(ex, "the port is profitable")
    assert st.cue == "told" and content(ex, st).startswith("The difference now")


def test_passive_cue_with_an_agent_reports_its_subject(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text("The harbour plan was rejected by the city council on Monday.", id="passive")
    st = find(ex, "The harbour plan")
    assert st.cue == "rejected" and content(ex, st) == "The harbour plan"
    attack = extract_text("The convoy was attacked by rebels near the border.", id="act")
    assert not attack.statements  # an act, not something said


def test_concession_after_the_reported_clause_is_the_writers(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "Mayor Tomas Lind said the harbour was profitable, although the audit is not yet finished."
    ex = extract_text(text, id="although")
    assert content(ex, find(ex, "the harbour was profitable")) == "the harbour was profitable"


def test_relative_clause_cue_reports_from_its_antecedent(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = 'The council passed the levy, which Mayor Tomas Lind called "a disaster for small shops".'
    ex = extract_text(text, id="relative")
    st = find(ex, "a disaster for small shops")
    assert content(ex, st).startswith("which Mayor Tomas Lind called") and st.cue == "called"
    assert speaker_name(ex, st) == "Tomas Lind" and st.kind == "mixed"


def test_time_phrase_before_the_reported_subject_is_not_reported(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text("Mayor Tomas Lind said on Monday the harbour would reopen.", id="leadtime")
    assert content(ex, find(ex, "the harbour would reopen")) == "the harbour would reopen"
    kept = extract_text("Mayor Tomas Lind said Monday's vote was rigged.", id="possdate")
    assert content(kept, find(kept, "vote was rigged")) == "Monday's vote was rigged"


def test_title_case_headline_names_speaker_and_claim(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "Mayor Tomas Lind Vows To Reopen The Harbour By Spring.\n\nThe mayor spoke at the port on Monday."
    ex = extract_text(text, id="headline")
    st = find(ex, "To Reopen The Harbour By Spring")
    assert st.cue == "Vows" and content(ex, st) == "To Reopen The Harbour By Spring"
    assert text[st.speaker_mention.start : st.speaker_mention.end] == "Mayor Tomas Lind"
