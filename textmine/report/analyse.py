"""Every analysis of one speech against a corpus, as one result object; no file is written here.

:func:`analyse` runs the chain — clean, tokenize, structure, keywords, keyness,
topics, similarity, text reuse — and returns a :class:`BriefingResult` holding each
table. The writers (CSV, Markdown, PPTX) and the charts only read it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from dataclasses import dataclass, field
from itertools import chain, islice
import logging

import numpy as np
import pandas as pd

from .._workers import aside
from ..clean import clean, cleaning_table
from ..clean import cleaning_summary as _cleaning_summary
from ..corpus import YEAR_UNKNOWN, Corpus, Document, IngestLog, count_cjk
from ..dtm import Dtm, _docs_frame
from ..errors import EmptyDocumentError, InputError
from ..keyness import keyness, peer_keyness
from ..keywords import _SectionTokens, _kwic, _section_shares, _section_topic_tokens, cooccurrence, dispersion
from ..keywords import section_keywords, section_topics
from ..instruments import policy_instruments
from ..mapping import correspondence_map
from ..strength import directive_strength, strength_profile
from ..textstats import textstats_percentiles
from ..tone import problems, tone
from ..structure import duties, enumerations, formulas, outline, references, sentence_spans, targets
from ..reuse import TextReuse, text_reuse
from ..similarity import reference_similarities, similar_documents
from ..tokenize import Tokenizer, resolve_tokenizer
from ..topics import TopicModel, _choose_k, best_k, fit_sample, fit_topics, topic_comparison, topic_trend
from .options import BriefingOptions

__all__ = ["analyse", "BriefingResult"]

logger = logging.getLogger(__name__)

EXPLORER_TERMS = 60
"""Terms of the term explorer (briefing.html): the most over- and under-used, by |G²|."""
EXPLORER_SNIPPETS = 8
"""KWIC snippets kept per explorer term, in the speech and in the corpus each (bounds the page)."""

MAX_SPEECH_CHARS = 1_000_000
"""The longest speech :func:`analyse` takes, in characters. A long government work
report has about 40,000; a text over the limit (a whole year's gazette, a book) is refused with a
message that says so, rather than running for hours. Every chart is bounded whatever the length
(see :mod:`.charts`); this bounds the time and memory of the analyses."""

MAX_PAIR_DOCS = 1_000
"""Corpus speeches paired for the similarity yardstick (:func:`~textmine.similarity.reference_similarities`):
a larger corpus is sampled, stratified and evenly spaced (1,000 speeches are 499,500 pairs)."""

MAX_PROFILE_DOCS = 1_000
"""Reference speeches the strength profile and the text-statistics percentiles compare the speech with:
a larger corpus is sampled (stratified by year and policy_area, evenly spaced; ``n_reference`` says how
many were compared). A percentile from 1,000 speeches has a standard error of at most about 1.6 points."""

SECTION_LEVEL = 2
"""Outline depth of the section tables and charts: 一、 sections and their （一） subsections."""
MIN_TOPIC_REFERENCE = 3
"""Corpus speeches (besides the speech) a topic model needs: fewer leave no term in 2+ but at most half of them."""


@dataclass(frozen=True, eq=False)
class BriefingResult:
    """Everything :func:`analyse` found, table by table.

    Attributes
    ----------
    doc : Document
        The speech as given (its title and metadata head the briefing).
    cleaned : Document
        The speech as analysed (after :func:`~textmine.clean`).
    options : BriefingOptions
    n_reference : int
        Corpus speeches compared with (the speech itself left out).
    k : int
        Number of topics of ``model`` (given, or chosen by coherence); 0 when topics were skipped.
    model : TopicModel or None
        Fitted on the corpus plus the speech; None (and ``topics``, ``topic_comparison``,
        ``section_topics``, ``topic_trend`` None, the reason in ``unavailable``) when the corpus
        has fewer than :data:`MIN_TOPIC_REFERENCE` other speeches or too few shared terms.
    ingest_log : DataFrame
        The corpus's ingest log plus a ``skipped`` row per document without Chinese text.
    outline, enumerations, formulas, references, targets, duties : DataFrame
        The speech's structure (see :mod:`textmine.structure`).
    section_keywords : DataFrame
        Each section (down to level 2) with its characteristic terms.
    top_terms : DataFrame
        The ``options.top_terms`` most frequent terms.
    keyness : DataFrame
        Every term, over-used first (signed G²) against the pooled corpus.
    peer_keyness : DataFrame or None
        Against the same-policy-area speeches one by one; None when fewer than two exist.
    similar_documents : DataFrame
        Every corpus speech ranked by similarity.
    choose_k : DataFrame or None
        Coherence of each candidate number of topics; None when ``k`` was given.
    topics : DataFrame
        One row per topic with its ``options.topic_terms`` top terms.
    topic_comparison : DataFrame
        The speech's topic shares against the corpus and its policy-area peers.
    reuse : TextReuse
        Sentences found in corpus speeches.
    wordcloud : DataFrame
        The ``options.wordcloud_terms`` most frequent terms.
    dispersion, section_topics, cooccurrence, topic_trend : DataFrame or None
        The tables behind the charts of the same names (``section_topics`` feeds
        ``section_heatmap``); None when they cannot be made (see ``unavailable``).
    unavailable : Mapping of str to str
        Table name → why it is None.
    reference_similarity : DataFrame or None
        Similarity of every pair of corpus speeches (:func:`~textmine.similarity.reference_similarities`),
        the yardstick the similarity finding judges a match against; None with one corpus speech.
    cleaning : DataFrame or None
        The cleaning record of the speech and the corpus (``cleaning.csv``; see
        :func:`textmine.clean.cleaning_table`).
    cleaning_summary : str or None
        One sentence summing up the cleaning (:func:`textmine.clean.cleaning_summary`).
    policy_instruments : DataFrame or None
        Departments × policy instruments (:func:`textmine.policy_instruments`, ``by="body"``).
    directive_strength : DataFrame or None
        The strength profile per section (:func:`textmine.directive_strength`, ``by="section"``).
    directive_strength_body : DataFrame or None
        The strength profile per department (``by="body"``).
    strength_profile : DataFrame or None
        The speech's strength profile against the corpus and its same-area peers
        (:func:`textmine.strength_profile`).
    tone : DataFrame or None
        Praise and criticism per section (:func:`textmine.tone`).
    problems : DataFrame or None
        The problems the speech lists (:func:`textmine.problems`).
    textstats_percentiles : DataFrame or None
        Summary statistics against the corpus (:func:`textmine.textstats_percentiles`).
    correspondence_map : DataFrame or None
        The corpus and the speech on a correspondence-analysis map (:func:`textmine.correspondence_map`).
    explorer : DataFrame or None
        KWIC snippets of the most key terms in the speech and in the corpus, at most
        ``EXPLORER_SNIPPETS`` per term and side (feeds the term explorer of briefing.html).
    """

    doc: Document
    cleaned: Document
    options: BriefingOptions
    n_reference: int
    k: int
    model: TopicModel | None
    ingest_log: pd.DataFrame
    outline: pd.DataFrame
    enumerations: pd.DataFrame
    formulas: pd.DataFrame
    references: pd.DataFrame
    targets: pd.DataFrame
    duties: pd.DataFrame
    section_keywords: pd.DataFrame
    top_terms: pd.DataFrame
    keyness: pd.DataFrame
    peer_keyness: pd.DataFrame | None
    similar_documents: pd.DataFrame
    choose_k: pd.DataFrame | None
    topics: pd.DataFrame | None
    topic_comparison: pd.DataFrame | None
    reuse: TextReuse
    wordcloud: pd.DataFrame
    dispersion: pd.DataFrame | None
    section_topics: pd.DataFrame | None
    cooccurrence: pd.DataFrame | None
    topic_trend: pd.DataFrame | None
    unavailable: Mapping[str, str] = field(default_factory=dict)
    reference_similarity: pd.DataFrame | None = None
    # --- the codebook analyses and the cleaning record (issues 12 and 16) ---
    cleaning: pd.DataFrame | None = None
    cleaning_summary: str | None = None
    policy_instruments: pd.DataFrame | None = None
    directive_strength: pd.DataFrame | None = None
    directive_strength_body: pd.DataFrame | None = None
    strength_profile: pd.DataFrame | None = None
    tone: pd.DataFrame | None = None
    problems: pd.DataFrame | None = None
    textstats_percentiles: pd.DataFrame | None = None
    correspondence_map: pd.DataFrame | None = None
    explorer: pd.DataFrame | None = None


def _topics_aside(all_dtm: Dtm, ks: list[int], random_state: int, speech_dtm: Dtm, corpus_dtm: Dtm,
                  area: str | None) -> tuple[pd.DataFrame, TopicModel, pd.DataFrame]:
    """The search over k, the chosen k's model and its topic comparison: the work analyse sets aside.

    Only the chosen model and two small tables come back from the worker: the other k's lazy
    models hold the Dtm and its TF-IDF (about 0.5 GB at 4,900 documents), and the comparison
    transforms every corpus speech (about 0.2 GB more), so the waiting process holds neither.
    """
    scores, fitted = _choose_k(all_dtm, ks, random_state=random_state)
    k = best_k(scores)
    if 2 <= k <= min(all_dtm.n_docs, all_dtm.n_terms):  # fit_topics would accept k
        model = fitted[k]  # the very model fit_topics(all_dtm, k) fits: not fitted a second time
    else:
        model = fit_topics(all_dtm, k, random_state=random_state)  # says why it cannot
    return scores, model, topic_comparison(speech_dtm, corpus_dtm, model, area=area)


def _aside_work(all_dtm: Dtm, ks: list[int], random_state: int, speech_dtm: Dtm, corpus_dtm: Dtm,
                area: str | None, sections: _SectionTokens | InputError, tok: Tokenizer,
                heatmap_topics: int) -> dict[str, Any]:
    """Every use of scikit-learn in the report, for a worker: similarity, the topics, the section topics.

    The waiting process then never imports scikit-learn (about 0.8 s of the report's start;
    the model it gets back keeps its estimators pickled until a transform, see
    :class:`~textmine.topics.TopicModel`). Returns ``similar`` and ``reference_similarity``
    (an error there is raised, as in :func:`analyse`), ``topics`` (the result of
    :func:`_topics_aside`, or the InputError that skips the topics) and, with a model,
    ``section_topics`` (the heatmap's table, or the InputError that leaves it out).
    """
    out: dict[str, Any] = dict(zip(("similar", "reference_similarity"), _similarity(speech_dtm, corpus_dtm)))
    try:
        out["topics"] = _topics_aside(all_dtm, ks, random_state, speech_dtm, corpus_dtm, area)
    except InputError as err:  # e.g. too few terms shared by 2+ but at most half the speeches
        out["topics"] = err
        return out
    out["section_topics"] = sections
    if not isinstance(sections, InputError):
        try:
            out["section_topics"] = _top_topic_columns(_section_shares(out["topics"][1], sections, tok),
                                                       heatmap_topics)
        except InputError as err:
            out["section_topics"] = err
    return out


def _similarity(speech_dtm: Dtm, corpus_dtm: Dtm) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The similar speeches, and the yardstick of a match: pairs of at most MAX_PAIR_DOCS corpus
    speeches (their number grows with the square); None with one corpus speech."""
    sim = similar_documents(speech_dtm, corpus_dtm)
    return sim, reference_similarities(corpus_dtm, max_docs=MAX_PAIR_DOCS) if corpus_dtm.n_docs >= 2 else None


def _with_chinese(reference: Corpus) -> Corpus:
    """The corpus documents that have Chinese text, with a copy of the log saying which did not."""
    log = IngestLog()
    log.entries.extend(reference.log.entries)  # a copy: the caller's log is never touched
    docs = []
    for d in reference:
        if count_cjk(d.text) > 0:
            docs.append(d)
        else:  # never dropped silently: the ingest log and the report's summary say so
            log.add(d.source or d.doc_id, "skipped", "no Chinese text; left out of the comparison")
    if not docs:
        raise EmptyDocumentError("corpus is empty: it holds no document with Chinese text")
    return Corpus(docs, log=log)


def _top_topic_columns(df: pd.DataFrame, n: int) -> pd.DataFrame:
    """Keep the n topics with the largest total share (a readable heatmap)."""
    keep = df.sum(axis=0).sort_values(ascending=False, kind="stable").index[:n]
    return df[[c for c in df.columns if c in set(keep)]]


def _section_topics(work: dict[str, Any] | None, s: Document, model: TopicModel, tok: Tokenizer,
                    sentence_tokens: list[list[str]], n: int) -> pd.DataFrame:
    """The heatmap's table: the worker's (its InputError raised here), else made here."""
    if work is not None:
        if isinstance(work["section_topics"], InputError):
            raise work["section_topics"]
        return work["section_topics"]
    return _top_topic_columns(section_topics(s, model, level=SECTION_LEVEL, tokenizer=tok,
                                             sentence_tokens=sentence_tokens), n)


def _trend(model: TopicModel, dtm: Dtm, n: int) -> pd.DataFrame:
    if "year" not in dtm.docs.columns or dtm.docs["year"].isna().all():
        raise InputError("the corpus has no year metadata; a topic trend needs a 'year' column")
    trend = topic_trend(model, dtm, by="year").drop(index=YEAR_UNKNOWN, errors="ignore")  # a year axis: no 年份不详
    if trend.empty:
        raise InputError("no corpus document has a year; a topic trend needs a 'year' column")
    trend = trend[[c for c in trend.mean().sort_values(ascending=False).index[:n]]]
    trend.index = [int(y) for y in trend.index]
    return trend


def _rows(dtm: Dtm, doc_ids: list[str]) -> Dtm:
    """Some documents of a Dtm over the terms they use: what Dtm.from_tokens of their tokens gives."""
    sub = dtm.select(doc_ids)
    return sub._take_terms(np.flatnonzero(np.asarray(sub.counts.sum(axis=0)).ravel() > 0))


def _strength_profile(s: Document, peers: Corpus, tok: Tokenizer) -> pd.DataFrame:
    sp = strength_profile(s, peers, tokenizer=tok)
    if not s.meta.get("policy_area"):
        sp.attrs["note"] = "the speech has no policy_area: no same-area peers"
    return sp


def _explorer(s: Document, peers: Corpus, key: pd.DataFrame) -> pd.DataFrame:
    """KWIC of the EXPLORER_TERMS terms with the largest |G²|, bounded per term and side."""
    top = key.reindex(key.g2.abs().sort_values(ascending=False, kind="stable").index).head(EXPLORER_TERMS)
    sides = (("speech", [s]), ("corpus", list(peers)))  # these lists hold every document while the cache lives
    outlines: dict[int, pd.DataFrame] = {}

    def outline_of(d: Document) -> pd.DataFrame:  # each document's outline once, not once per term
        if id(d) not in outlines:
            outlines[id(d)] = outline(d)
        return outlines[id(d)]

    frames = []
    for term in top.term:
        for side, src in sides:
            k = _kwic(src, term, 20, outline_of).head(EXPLORER_SNIPPETS)
            if len(k):
                frames.append(k.assign(term=term, side=side))
    cols = ["term", "side", "doc_id", "start", "left", "keyword", "right", "path"]
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols]


def analyse(doc: Document, reference: Corpus, *, options: BriefingOptions | None = None,
            tokenizer: Tokenizer | None = None, progress: bool = False) -> BriefingResult:
    """Analyse a speech against a corpus; write nothing.

    Parameters
    ----------
    doc : Document
        The speech (raw or cleaned; it is cleaned here).
    reference : Corpus
        The corpus to compare with. A document with the speech's doc_id is left out;
        documents without Chinese text are left out and logged in ``ingest_log`` (the
        corpus's own log is not changed).
    options : BriefingOptions, optional
        Default: ``BriefingOptions()``.
    tokenizer : Tokenizer, optional
        Default: ``Tokenizer()``.
    progress : bool
        Show progress bars (tqdm).

    Returns
    -------
    BriefingResult

    Raises
    ------
    EmptyDocumentError
        The speech has no Chinese text, or no corpus document is left to compare with.
    InputError
        The speech is longer than :data:`MAX_SPEECH_CHARS` characters.
    """
    from tqdm.auto import tqdm

    o = options if options is not None else BriefingOptions()
    if not isinstance(o, BriefingOptions):
        raise InputError(f"options is a {type(o).__name__}; expected a BriefingOptions")
    if not isinstance(doc, Document):
        raise InputError(f"doc is a {type(doc).__name__}; expected a Document (see read_document)")
    if not isinstance(reference, Corpus):
        raise InputError(f"reference is a {type(reference).__name__}; expected a Corpus (see load_corpus)")
    if len(doc.text) > MAX_SPEECH_CHARS:  # checked before any work, so a huge file fails at once
        raise InputError(f"speech {doc.source or doc.doc_id} has {len(doc.text):,} characters; expected at most "
                         f"{MAX_SPEECH_CHARS:,} (a long work report has about 40,000): split it into parts "
                         "and analyse each")
    if count_cjk(doc.text) == 0:
        raise EmptyDocumentError(f"speech {doc.source or doc.doc_id} has no Chinese text to analyse")
    corpus = _with_chinese(reference)
    tok = resolve_tokenizer(tokenizer)
    steps = tqdm(total=6, desc="textmine analyse", unit="step", disable=not progress)

    def step(msg: str) -> None:
        steps.set_postfix_str(msg)
        steps.update(1)

    s = clean(doc)
    peers = clean(corpus)
    peers = peers.drop(s.doc_id) if s.doc_id in peers else peers
    if len(peers) == 0:
        raise EmptyDocumentError("corpus is empty once the speech itself is left out; expected other speeches")

    # 1 tokens: one segmenter pass over every text — the corpus speeches whole, the speech sentence
    # by sentence (its sections and the whole speech are those sentences' tokens joined) ----------
    spans = sentence_spans(s.text)
    toks = tok.iter_tokens(list(peers) + [s.text[a:b] for a, b in spans], progress=progress)
    # the peers' token lists feed only the Dtm: streamed into it, never all alive at once
    corpus_dtm = Dtm.from_tokens(islice(toks, len(peers)), _docs_frame(peers), tokenizer=tok)
    sentence_tokens = list(toks)
    speech_dtm = Dtm.from_tokens([list(chain.from_iterable(sentence_tokens))], _docs_frame(Corpus([s])), tokenizer=tok)
    joint_dtm = corpus_dtm.append(speech_dtm)  # the corpus and the speech: topics, trend and the map
    step("tokens")

    # the search over k, the chosen model's topic comparison and section topics, and the similarity
    # tables need only the Dtms and the sections' tokens: they run in a worker process, when a CPU is
    # free, while this one extracts the structure and computes keyness (the same results either way)
    all_dtm, topic_search, topic_error = None, None, ""
    area = doc.meta.get("policy_area")
    if len(peers) >= MIN_TOPIC_REFERENCE:
        try:
            all_dtm = joint_dtm.trim(min_df=2, max_df=0.5)
            if o.k is None:
                ks = [x for x in o.k_candidates if x <= all_dtm.n_docs] or [max(2, min(all_dtm.n_docs, 8))]
                # tokenized here: a section that straddles a sentence uses the token cache, which a worker must not
                sections: _SectionTokens | InputError
                try:
                    sections = _section_topic_tokens(s, SECTION_LEVEL, tok, sentence_tokens)
                except InputError as err:  # said as the heatmap's reason, not as the topics'
                    sections = err
                topic_search = aside(_aside_work, all_dtm, ks, o.random_state, speech_dtm, corpus_dtm, area,
                                     sections, tok, o.heatmap_topics)
        except InputError as err:  # e.g. too few terms shared by 2+ but at most half the speeches
            topic_error = f"skipped: {err}"

    try:  # a failure here leaves the search over k unwanted: its worker is ended, not left waiting
        # 2 structure -----------------------------------------------------------------------------------
        ol, du = outline(s), duties(s)
        en, fo, rf, tg = enumerations(s), formulas(s), references(s), targets(s)
        sk = section_keywords(s, level=SECTION_LEVEL, tokenizer=tok, sentence_tokens=sentence_tokens)
        step("structure")

        # 3 keywords and keyness ------------------------------------------------------------------------
        unavailable: dict[str, str] = {}
        top_terms = speech_dtm.top_terms(o.top_terms)
        key = keyness(speech_dtm, corpus_dtm)
        same_area = peers.filter(policy_area=area) if area else Corpus([])
        pk = None
        if len(same_area) >= 2:
            pk = peer_keyness(speech_dtm, _rows(corpus_dtm, same_area.ids))
        else:
            unavailable["peer_keyness"] = f"fewer than 2 corpus speeches share the policy_area {area!r}"
        step("keyness")

        # 4 similarity (made in the worker, with the topics, when there is one) ---------------------------
        sim, ref_sim = _similarity(speech_dtm, corpus_dtm) if topic_search is None else (None, None)
        step("similarity")

        # The codebook analyses need no topic model: they are made while the search over k may still
        # run in its worker. What they cannot make is said after the topics and the reuse, as before.
        late: dict[str, str] = {}

        def attempt_any(name: str, make: Callable[[], Any]) -> Any:
            # the codebook analyses are new: any failure of one is logged and said, never fatal to the report
            try:
                return make()
            except Exception as err:  # noqa: BLE001 — see the comment above
                logger.warning("briefing: %s could not be made", name, exc_info=True)
                late[name] = str(err) if isinstance(err, InputError) else f"{type(err).__name__}: {err}"
                return None

        cleaned_all = [s, *peers]
        # the distributions the speech is placed in (strength profile, text statistics) need no more than
        # MAX_PROFILE_DOCS reference speeches: a larger corpus is sampled (stratified, evenly spaced)
        profiled = peers if len(peers) <= MAX_PROFILE_DOCS else Corpus(
            [peers[int(i)] for i in fit_sample(corpus_dtm, MAX_PROFILE_DOCS)])
        new = dict(
            cleaning=attempt_any("cleaning", lambda: cleaning_table(cleaned_all)),
            cleaning_summary=attempt_any("cleaning_summary", lambda: _cleaning_summary(cleaned_all)),
            policy_instruments=attempt_any("policy_instruments", lambda: policy_instruments(
                s, by="body", tokenizer=tok)),
            directive_strength=attempt_any("directive_strength", lambda: directive_strength(s, by="section",
                                                                                              tokenizer=tok)),
            directive_strength_body=attempt_any("directive_strength_body", lambda: directive_strength(
                s, by="body", tokenizer=tok)),
            strength_profile=attempt_any("strength_profile", lambda: _strength_profile(s, profiled, tok)),
            tone=attempt_any("tone", lambda: tone(s, level="section", tokenizer=tok)),
            problems=attempt_any("problems", lambda: problems(s, tokenizer=tok)),
            textstats_percentiles=attempt_any("textstats_percentiles", lambda: textstats_percentiles(
                s, profiled, tokenizer=tok)),
            correspondence_map=attempt_any("correspondence_map", lambda: correspondence_map(
                joint_dtm, target=s.doc_id)),
            explorer=attempt_any("explorer", lambda: _explorer(s, peers, key)),
        )
        # the worker's error in similarity is raised here, as the similarity step would have raised it
        work = topic_search() if topic_search is not None else None
    except BaseException:
        if topic_search is not None:
            topic_search.cancel()
        raise
    if work is not None:
        sim, ref_sim = work["similar"], work["reference_similarity"]

    # 5 topics: skipped, with the reason, on a corpus too small for a topic model -------------------
    k, scores, model, tc = o.k, None, None, None
    no_topics = ""
    if len(peers) < MIN_TOPIC_REFERENCE:
        no_topics = (f"skipped: the corpus has {len(peers)} speech(es) besides this one; "
                     f"a topic model needs at least {MIN_TOPIC_REFERENCE}")
    elif topic_error:
        no_topics = topic_error
    else:
        try:
            if work is not None:
                if isinstance(work["topics"], InputError):
                    raise work["topics"]
                scores, model, tc = work["topics"]
                k = best_k(scores)
            else:
                model = fit_topics(all_dtm, k, random_state=o.random_state)
                tc = topic_comparison(speech_dtm, corpus_dtm, model, area=area)
        except InputError as err:  # e.g. too few terms shared by 2+ but at most half the speeches
            no_topics, scores, model, tc = f"skipped: {err}", None, None, None
    if no_topics:
        unavailable.update({name: no_topics for name in ("topics", "topic_comparison", "section_topics",
                                                         "topic_trend")})
    step("topics")

    # 6 text reuse ----------------------------------------------------------------------------------
    reuse = text_reuse(s, peers)
    step("text reuse")
    steps.close()
    unavailable.update(late)

    # the tables behind the charts; one that cannot be made is None, and says why
    def attempt(name: str, make: Callable[[], pd.DataFrame]) -> pd.DataFrame | None:
        if name in unavailable:  # already known to be impossible (no topic model)
            return None
        try:
            return make()
        except InputError as err:
            unavailable[name] = str(err)
            return None

    over = key[key.g2 > 0]
    disp_terms = list(over.term.head(o.dispersion_terms))
    return BriefingResult(
        doc=doc, cleaned=s, options=o, n_reference=len(peers), k=k if model is not None else 0, model=model,
        ingest_log=corpus.log.to_frame(), outline=ol, enumerations=en, formulas=fo, references=rf, targets=tg,
        duties=du, section_keywords=sk, top_terms=top_terms, keyness=key, peer_keyness=pk,
        similar_documents=sim, choose_k=scores, topics=model.topics(o.topic_terms) if model is not None else None,
        topic_comparison=tc,
        reuse=reuse, wordcloud=speech_dtm.top_terms(o.wordcloud_terms),
        dispersion=attempt("dispersion", lambda: dispersion(s, disp_terms)),
        section_topics=attempt("section_topics", lambda: _section_topics(work, s, model, tok, sentence_tokens,
                                                                          o.heatmap_topics)),
        cooccurrence=attempt("cooccurrence", lambda: cooccurrence(
            s, n_terms=o.cooccurrence_terms, tokenizer=tok, sentence_tokens=sentence_tokens)),
        topic_trend=attempt("topic_trend", lambda: _trend(model, joint_dtm, o.trend_topics)),
        unavailable=unavailable, reference_similarity=ref_sim, **new,
    )
