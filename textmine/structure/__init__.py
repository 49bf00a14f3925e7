"""Structure of Chinese policy speeches: outline, enumerations, formulas, references, targets, duties.

Chinese work-conference speeches and work reports follow a rigid form. This package
recovers it with fast, regex-based scanners (linear-ish in the length of the text),
one module per extractor:

- :func:`outline` — the heading hierarchy (``一、`` / ``（一）`` / ``1.`` / ``（1）``, the
  regulation levels ``第一编/章/节/条``, ``第一，…。`` and ``一是…。`` lead-sentence subheads),
  also inside one-line texts, as segments that tile the text; :func:`sections` — the
  outline cut at one depth; :func:`has_numbered_outline` — whether there is any heading;
- :func:`enumerations` — sequences in a paragraph or across paragraphs (一是…二是…,
  一要…二要…, 第一，…第二，…, 首先…其次…最后…, 一方面…另一方面…, 第一条…第N条, ——lists);
- :func:`formulas` — formulas (提法): quoted, numbered (四个意识, 两个维护), from the bundled
  lexicon (:func:`formula_lexicon`) and parallel frames; quoted non-formulas (poems,
  sayings, scare quotes …) are kept as ``kind == "non_formula"``;
- :func:`references` — titles cited in 《》 with their type (法, 条例, 办法 …) and level, media
  titles (《人民日报》) and documents named without 《》 (民法典), told apart by ``kind``;
- :func:`targets` — every numeric expression (到2025年, 95%以上, 零产量, 3.5亿元, 30周年) as a
  target, a statistic or a date (``targets(doc, kind="target")`` keeps the targets);
- :func:`duties` — which bodies (有关部门, 住房城乡建设部, 公安, 妇联 …) are told to do what
  (:func:`gov_bodies` and :func:`central_bodies` are the bundled lists);
- :func:`sentences` / :func:`sentence_spans` — a sentence splitter that respects quotes and 《》.

Every function takes a :class:`~textmine.corpus.Document` (its ``text`` is used) or a
plain ``str``, works on raw as well as cleaned text (half-width and full-width
punctuation and digits both count), and returns a :class:`pandas.DataFrame` with fixed
columns and dtypes (an empty frame with those columns when nothing is found). All
``start``/``end`` offsets index the input text.

Conventions chosen here
-----------------------
- List-valued cells (``formulas().parts``, ``duties().actors``/``bodies``) are **tuples of str**
  (hashable, so ``drop_duplicates``/``groupby`` work; ``"、".join(x)`` gives a string).
- Ids (``sent_id``, ``enumerations().group``) are 0-based, in document order.
- Text columns use pandas' ``str`` dtype, counts and offsets ``int64``, values ``float64``.

The structure branch reads text only: it imports nothing from the counting branch
(tokenize, dtm, keyness …).
"""

from __future__ import annotations

from ._resources import CENTRAL_BODIES_PATH, GOV_BODIES_PATH, central_bodies, gov_bodies
from .duties import DUTY_COLUMNS, duties
from .enumerations import ENUMERATION_COLUMNS, enumerations
from ._lexicons import formula_lexicon
from .formulas import FORMULA_COLUMNS, FORMULA_KINDS, NON_FORMULA_SUBKINDS, formulas
from .outline import OUTLINE_COLUMNS, has_numbered_outline, outline, sections
from .references import REFERENCE_COLUMNS, REFERENCE_KINDS, references
from .sentences import SENTENCE_COLUMNS, sentence_spans, sentences
from .targets import TARGET_COLUMNS, targets

__all__ = [
    "outline",
    "sections",
    "has_numbered_outline",
    "enumerations",
    "formulas",
    "references",
    "targets",
    "duties",
    "sentences",
    "sentence_spans",
    "gov_bodies",
    "central_bodies",
    "OUTLINE_COLUMNS",
    "ENUMERATION_COLUMNS",
    "FORMULA_COLUMNS",
    "REFERENCE_COLUMNS",
    "TARGET_COLUMNS",
    "DUTY_COLUMNS",
    "SENTENCE_COLUMNS",
    "formula_lexicon",
    "FORMULA_KINDS",
    "NON_FORMULA_SUBKINDS",
    "REFERENCE_KINDS",
]
