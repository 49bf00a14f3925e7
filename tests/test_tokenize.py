"""Tokenizer: exact tokens, the user dictionary, stopword layers, options, backends, cache, pickling."""

from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import FrozenInstanceError

import pytest

import textmine as tm
from textmine.errors import DictionaryFormatError, InputError
from textmine.tokenize import USERDICT, load_stopwords, read_userdict, resolve_tokenizer

SENTENCES = {
    "各级禁毒委要切实加强社区戒毒和社区康复工作，最大限度降低复吸率。":
        ["禁毒委", "社区戒毒", "社区康复", "最大", "限度", "降低", "复吸率"],
    "林业、农业等部门要继续深入抓好禁种铲毒工作，确保“零产量”。":
        ["林业", "农业", "禁种铲毒", "零产量"],
    "要严格落实安全生产主体责任，坚持党政同责、一岗双责、齐抓共管。":
        ["安全生产", "主体责任", "党政同责", "一岗双责", "齐抓共管"],
    "X市公安局和XX书记要求2021年破获毒品案件120起，同比增长15.5%。":
        ["公安局", "书记", "破获", "毒品案件", "增长"],
    "全面推行河长制，持续优化营商环境，推进乡村振兴。":
        ["河长制", "优化", "营商环境", "乡村振兴"],
}


@pytest.mark.parametrize("sentence", list(SENTENCES))
def test_exact_tokens(tokenizer, sentence):
    assert tokenizer.tokenize(sentence) == SENTENCES[sentence]


def test_stopword_layers_switch_independently():
    s = "同志们，我们要进一步加强禁毒工作。"
    assert tm.Tokenizer(stopwords=()).tokenize(s) == ["同志们", "我们", "进一步", "加强", "禁毒", "工作"]
    assert tm.Tokenizer(stopwords=("function",)).tokenize(s) == ["同志们", "进一步", "加强", "禁毒", "工作"]
    assert tm.Tokenizer(stopwords=("officialese",)).tokenize(s) == ["我们", "禁毒"]
    assert tm.Tokenizer().tokenize(s) == ["禁毒"]
    assert tm.Tokenizer(extra_stopwords=["禁毒"]).tokenize(s) == []


def test_punctuation_is_a_function_layer_stopword():
    s = "禁毒，禁毒！"
    assert tm.Tokenizer(stopwords=()).tokenize(s) == ["禁毒", "禁毒"]  # min_len=2 drops punctuation too
    assert tm.Tokenizer(stopwords=(), min_len=1).tokenize(s) == ["禁毒", "，", "禁毒", "！"]
    assert tm.Tokenizer(min_len=1).tokenize(s) == ["禁毒", "禁毒"]


def test_numbers_min_len_and_placeholders():
    s = "2021年X市查获毒品3.5公斤，XX书记批示"
    assert tm.Tokenizer(min_len=1, drop_numbers=False).tokenize(s) == [
        "2021", "年", "市", "查获", "毒品", "3.5", "公斤", "书记"]
    assert tm.Tokenizer(min_len=1).tokenize(s) == ["年", "市", "查获", "毒品", "公斤", "书记"]
    assert tm.Tokenizer().tokenize(s) == ["查获", "毒品", "公斤", "书记"]
    for tok in (tm.Tokenizer(min_len=1, stopwords=()), tm.Tokenizer(backend="jieba", min_len=1, stopwords=())):
        toks = tok.tokenize("X市、Y县、A区和XX书记、XXX同志")
        assert not {"X", "XX", "XXX", "Y", "A"} & set(toks)


def test_pos_tags_and_filter():
    tok = tm.Tokenizer(keep_pos=("n",))
    assert tok.tokenize("各级禁毒委要切实加强社区戒毒工作") == ["禁毒委"]
    assert tm.Tokenizer().tag("各级禁毒委要切实加强社区戒毒工作") == [
        ("禁毒委", "nt"), ("社区戒毒", "vn")]


def test_userdict_has_400_entries_across_areas():
    entries, issues = read_userdict(USERDICT)
    words = [w for w, _, _ in entries]
    assert len(words) >= 400 and len(set(words)) == len(words) and issues == []
    for w in ("禁毒委", "社区戒毒", "社区康复", "戒毒康复", "易制毒化学品", "复吸率", "禁种铲毒", "制贩毒",
              "禁毒人民战争", "齐抓共管", "主体责任", "综治", "扫黑除恶", "安全生产", "河长制", "乡村振兴", "营商环境"):
        assert w in words


def test_every_dictionary_term_in_the_speech_is_one_token(cleaned, tokenizer):
    words = [w for w, _, _ in read_userdict(USERDICT)[0]]
    text = cleaned.text
    present = [w for w in words if w in text]
    tokens = Counter(tm.Tokenizer(stopwords=(), min_len=1).tokenize(cleaned))
    # a term that only ever occurs inside a longer dictionary term is that longer token instead
    longer = lambda w: any(w != v and w in v and v in tokens for v in present)  # noqa: E731
    missing = [w for w in present if w not in tokens and not longer(w)]
    assert len(present) >= 25
    assert missing == []


def test_userdict_format_problems_are_handled_or_reported(tmp_path):
    p = tmp_path / "mine.txt"
    p.write_bytes("\ufeff禁毒社工站 50 nt\r\n毒驾治理\r\n# comment\r\n".encode("utf-8"))
    entries, issues = read_userdict(p)
    assert entries == [("禁毒社工站", 50, "nt"), ("毒驾治理", None, None)]
    assert any("byte-order mark" in i for i in issues)
    assert any("CRLF" in i for i in issues)
    assert any("'毒驾治理' has no frequency" in i for i in issues)
    tok = tm.Tokenizer(user_dicts=[p])
    assert tok.tokenize("开展毒驾治理行动") == ["毒驾治理"]
    assert any("no frequency" in i for i in tok.dictionary_issues_)
    bad = tmp_path / "bad.txt"
    bad.write_text("禁毒社工站 many nt\n", encoding="utf-8")
    with pytest.raises(DictionaryFormatError, match=r"bad\.txt line 1: frequency 'many' is not a whole number"):
        tm.Tokenizer(user_dicts=[bad]).tokenize("禁毒")


def test_private_instance_leaves_jieba_global_untouched(tmp_path):
    import jieba

    p = tmp_path / "d.txt"
    p.write_text("奇异测试词组 100000 n\n", encoding="utf-8")
    tm.Tokenizer(backend="jieba", user_dicts=[p]).tokenize("这是奇异测试词组")
    assert "奇异测试词组" not in jieba.lcut("这是奇异测试词组")


def test_bad_options_name_the_argument():
    with pytest.raises(InputError, match="backend='spacy'"):
        tm.Tokenizer(backend="spacy").tokenize("禁毒")
    with pytest.raises(InputError, match="stopwords layer 'legal' is unknown"):
        tm.Tokenizer(stopwords=("legal",)).tokenize("禁毒")
    with pytest.raises(InputError, match="min_len=0"):
        tm.Tokenizer(min_len=0)
    with pytest.raises(InputError, match="min_len=True: expected a whole number"):
        tm.Tokenizer(min_len=True)
    with pytest.raises(InputError, match=r"user_dicts='mine.txt': expected a sequence of paths"):
        tm.Tokenizer(user_dicts="mine.txt")
    with pytest.raises(InputError, match=r"extra_stopwords='工作': expected a sequence of strings"):
        tm.Tokenizer(extra_stopwords="工作")
    with pytest.raises(InputError, match=r"texts\[1\] is a int"):
        tm.Tokenizer().tokenize_many(["禁毒", 3])
    with pytest.raises(FileNotFoundError, match="user dictionary not found"):
        tm.Tokenizer(user_dicts=["/nonexistent/dict.txt"]).tokenize("禁毒")


def test_backends_agree_on_bundled_data(speech, corpus):
    texts = [tm.clean(speech).text] + [d.text for d in tm.clean(corpus)] + [speech.text]
    a = tm.Tokenizer(backend="rjieba", cache=False).tokenize_many(texts)
    b = tm.Tokenizer(backend="jieba", cache=False).tokenize_many(texts)
    assert a == b


def test_backends_agree_on_shared_work_reports():
    from conftest import gwr_files, wiki_records

    texts = [f.read_text(encoding="utf-8") for f in gwr_files()]
    texts += [r["content"] for r in wiki_records()]
    a = tm.Tokenizer(backend="rjieba", cache=False).tokenize_many(texts)
    b = tm.Tokenizer(backend="jieba", cache=False).tokenize_many(texts, n_jobs=2)
    # Known raw differences (e.g. rjieba keeps '2011-2020' whole where jieba splits it) are removed
    # by the tokenizer's own ASCII splitting; after filtering no difference is left.
    diffs = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    assert diffs == []


def test_known_raw_backend_difference_is_normalised():
    raw_r = tm.Tokenizer(backend="rjieba").segment("2011-2020年规划")
    raw_j = tm.Tokenizer(backend="jieba").segment("2011-2020年规划")
    assert raw_r != raw_j  # the segmenters differ on ASCII runs…
    kw = dict(min_len=1, drop_numbers=False, stopwords=())
    assert tm.Tokenizer(backend="rjieba", **kw).tokenize("2011-2020年规划") == \
        tm.Tokenizer(backend="jieba", **kw).tokenize("2011-2020年规划") == ["2011", "-", "2020", "年", "规划"]


def test_cache_is_keyed_and_never_pickled(tmp_path):
    tok = tm.Tokenizer(cache_dir=tmp_path)
    first = tok.tokenize_many(["禁毒委要加强社区戒毒", "安全生产"])
    db = tmp_path / "tokens.sqlite3"
    rows = sqlite3.connect(db).execute("SELECT key, tokens FROM tokens").fetchall()
    assert len(rows) == 2 and all(k.startswith(tok.fingerprint + ":") for k, _ in rows)
    assert sorted(v for _, v in rows) == ["L安全生产", "L禁毒委\n社区戒毒"]
    # a poisoned entry is read back as text, never executed
    con = sqlite3.connect(db)
    con.execute("UPDATE tokens SET tokens = ? WHERE tokens = ?", ("L被改写", "L安全生产"))
    con.commit()
    assert tm.Tokenizer(cache_dir=tmp_path).tokenize("安全生产") == ["被改写"]
    # other options → other fingerprint → not served from that entry
    assert tm.Tokenizer(cache_dir=tmp_path, min_len=1).tokenize("安全生产") == ["安全生产"]
    assert first == [["禁毒委", "社区戒毒"], ["安全生产"]]
    assert tm.Tokenizer(cache_dir=tmp_path).clear_cache() == 2


def test_tokenizer_pickles_and_runs_in_processes(tmp_path):
    tok = tm.Tokenizer(cache_dir=tmp_path)
    tok.tokenize("禁毒")
    clone = pickle.loads(pickle.dumps(tok))
    assert clone.tokenize("各级禁毒委要切实加强社区戒毒工作") == ["禁毒委", "社区戒毒"]
    texts = [f"第{i}次会议强调禁毒委要加强社区康复" for i in range(6)]
    assert tm.Tokenizer(cache=False).tokenize_many(texts, n_jobs=2) == [["禁毒委", "社区康复"]] * 6


def test_documents_and_progress(cleaned, capsys):
    tok = tm.Tokenizer(cache=False)
    toks = tok.tokenize_many([cleaned], progress=True)[0]
    assert toks == tok.tokenize(cleaned.text)
    assert "tokenizing" in capsys.readouterr().err


def test_top_terms_of_the_bundled_speech(cleaned, tokenizer):
    top = [t for t, _ in Counter(tokenizer.tokenize(cleaned)).most_common(5)]
    assert top[:3] == ["禁毒", "毒品", "禁毒委"]
    officialese = load_stopwords("officialese")
    assert not officialese & set(top)


# ----------------------------------------------------------------------------- immutability, fingerprint

def test_assigning_a_setting_raises_and_replace_gives_a_consistent_new_tokenizer(tmp_path):
    tok = tm.Tokenizer(stopwords=(), cache_dir=tmp_path)
    s = "禁毒，禁毒！"
    assert tok.tokenize(s) == ["禁毒", "禁毒"]  # now on disk, and '，' '！' memoised as too short
    with pytest.raises(FrozenInstanceError, match=r"cannot assign to 'min_len'; use tok.replace\(min_len=...\)"):
        tok.min_len = 1
    with pytest.raises(FrozenInstanceError, match="cannot assign to 'stopwords_'"):
        tok.stopwords_ = frozenset()
    with pytest.raises(FrozenInstanceError, match="cannot delete 'hmm'"):
        del tok.hmm
    assert tok.min_len == 2
    one = tok.replace(min_len=1)
    assert one is not tok and one.min_len == 1 and one.stopwords == () and one.cache_dir == tmp_path
    assert one.fingerprint != tok.fingerprint
    # the three paths that used to keep the old rule all follow the new one:
    assert one.tokenize(s) == ["禁毒", "，", "禁毒", "！"]  # a text cached by the other tokenizer
    assert one.tokenize("！禁毒，") == ["！", "禁毒", "，"]  # raw tokens the other one memoised
    assert one.tokenize("县里抓禁毒") == ["县里", "抓", "禁毒"]  # new raw tokens
    assert tok.tokenize(s) == ["禁毒", "禁毒"] and tok.tokenize("县里抓禁毒") == ["县里", "禁毒"]  # unchanged
    with pytest.raises(InputError, match=r"replace\(\) got unknown setting\(s\) \['minlen'\]"):
        tok.replace(minlen=1)
    with pytest.raises(InputError, match="min_len=0"):
        tok.replace(min_len=0)


def test_fingerprint_names_what_decides_the_tokens(tmp_path):
    base = tm.Tokenizer(cache=False)
    assert tm.Tokenizer(cache_dir=tmp_path).fingerprint == base.fingerprint  # caching does not change tokens
    assert tm.Tokenizer(cache=False) == base and hash(tm.Tokenizer(cache=False)) == hash(base)
    assert base.replace(min_len=1) != base and base.replace(extra_stopwords=["禁毒"]) != base
    assert base.replace(stopwords=("officialese", "function")) == base  # the same words
    assert base.replace(keep_pos=("v", "n")) == base.replace(keep_pos=("n", "v")) != base
    p = tmp_path / "mine.txt"
    p.write_text("禁毒社工站 50 nt\n", encoding="utf-8")
    before = tm.Tokenizer(user_dicts=[p], cache=False)
    p.write_text("禁毒社工站 50 nt\n毒驾治理 50 n\n", encoding="utf-8")
    after = tm.Tokenizer(user_dicts=[p], cache=False)
    assert before.fingerprint != after.fingerprint != base.fingerprint  # the dictionary's contents count
    assert pickle.loads(pickle.dumps(base)).fingerprint == base.fingerprint
    code = "import textmine as tm; print(tm.Tokenizer(cache=False).fingerprint)"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert other == base.fingerprint  # stable across processes
    with pytest.warns(DeprecationWarning, match="fingerprint_ is deprecated"):
        assert base.fingerprint_ == base.fingerprint
    assert repr(base.replace(min_len=1)) == "Tokenizer(min_len=1, cache=False)"


def test_resolve_tokenizer_is_the_one_place_a_default_is_built():
    a, b = tm.Tokenizer(cache=False), tm.Tokenizer(cache=False, min_len=1)
    assert resolve_tokenizer() == tm.Tokenizer()
    assert resolve_tokenizer(default=False) is None
    assert resolve_tokenizer(None, recorded={"reference": a, "target": None}) is a
    assert resolve_tokenizer(a, recorded={"reference": tm.Tokenizer(cache=False)}) is a
    with pytest.raises(InputError, match=rf"tokenizer is Tokenizer\(min_len=1, cache=False\) \(fingerprint "
                                         rf"{b.fingerprint}\) but reference was built with Tokenizer\(cache=False\) "
                                         rf"\(fingerprint {a.fingerprint}\)"):
        resolve_tokenizer(b, recorded={"reference": a})
    with pytest.raises(InputError, match="tokenizer is a str; expected a textmine Tokenizer"):
        resolve_tokenizer("jieba")


def test_iter_tokens_streams_the_lists_of_tokenize_many(tmp_path):
    texts = list(SENTENCES) + ["安全生产", "", "安全生产"]  # a repeat and an empty text
    expected = list(SENTENCES.values()) + [["安全生产"], [], ["安全生产"]]
    for n_jobs in (1, 2):  # segmented here, and by workers
        cold = tm.Tokenizer(cache_dir=tmp_path / str(n_jobs))
        it = cold.iter_tokens(texts, n_jobs=n_jobs)
        assert not isinstance(it, list) and list(it) == expected
        warm = tm.Tokenizer(cache_dir=tmp_path / str(n_jobs))  # served from the cache
        assert list(warm.iter_tokens(texts)) == expected == warm.tokenize_many(texts)
    nocache = tm.Tokenizer(cache=False)
    assert list(nocache.iter_tokens(texts)) == expected == nocache.tokenize_many(texts)
    lists = nocache.tokenize_many(texts)
    assert lists[-3] is not lists[-1]  # each text its own list, as before
    # a text that is not one fails at the call, not when the iterator is first read
    with pytest.raises(InputError, match=r"texts\[1\] is a int; expected str or Document"):
        nocache.iter_tokens(["禁毒", 3])


def test_iter_tokens_holds_a_newline_token_through_the_cache(tmp_path):
    tok = tm.Tokenizer(cache_dir=tmp_path, stopwords=(), min_len=1)
    raw = tok._values(["安全\n生产"], n_jobs=1, progress=False, keep_lists=False)
    assert raw == [tm.tokenize.cache.encode_tokens(tok.tokenize_many(["安全\n生产"])[0])]
    assert list(tm.Tokenizer(cache_dir=tmp_path, stopwords=(), min_len=1).iter_tokens(["安全\n生产"])) \
        == tok.tokenize_many(["安全\n生产"])


def test_workers_and_this_process_share_the_texts_and_keep_their_order(tmp_path):
    # texts of different lengths and tokens: a list put in the wrong place would show
    texts = [f"{'要持续优化营商环境，' * (i % 4)}第{i}批河长制试点强调禁毒委要加强社区康复" for i in range(9)]
    texts += [texts[2], "安全生产"]
    one = tm.Tokenizer(cache=False).tokenize_many(texts, n_jobs=1)
    assert one[2] == one[9] and one[-1] == ["安全生产"] and one[0] != one[1]
    for n_jobs in (2, 3, 20):  # 20: more processes than texts
        assert tm.Tokenizer(cache=False).tokenize_many(texts, n_jobs=n_jobs) == one
        assert list(tm.Tokenizer(cache_dir=tmp_path / str(n_jobs)).iter_tokens(texts, n_jobs=n_jobs)) == one


def _slow_here_dying_there(parent: int, marker, real):
    def compute(self, text):
        if os.getpid() != parent:
            marker.write_text("died", encoding="utf-8")
            os._exit(3)  # the worker dies without a word
        time.sleep(0.2)  # this process is slow, so that the worker surely takes a text
        return real(self, text)
    return compute


def test_a_tokenizing_worker_that_dies_leaves_its_texts_to_this_process(monkeypatch, tmp_path):
    from textmine.tokenize.tokenizer import Tokenizer as T

    texts = [f"第{i}批禁毒宣传进社区活动开展顺利" for i in range(6)]
    want = tm.Tokenizer(cache=False).tokenize_many(texts, n_jobs=1)
    marker = tmp_path / "died.txt"
    monkeypatch.setattr(T, "_compute", _slow_here_dying_there(os.getpid(), marker, T._compute))
    assert tm.Tokenizer(cache=False).tokenize_many(texts, n_jobs=2) == want
    assert marker.read_text(encoding="utf-8") == "died"


def test_tokenizing_workers_that_cannot_start_leave_the_texts_to_this_process(monkeypatch):
    import multiprocessing

    texts = [f"第{i}批禁毒宣传进社区活动开展顺利" for i in range(6)]
    want = tm.Tokenizer(cache=False).tokenize_many(texts, n_jobs=1)

    def no_pipe(self, duplex=True):
        raise OSError("文件描述符已用尽")

    monkeypatch.setattr(type(multiprocessing.get_context("fork")), "Pipe", no_pipe)
    assert tm.Tokenizer(cache=False).tokenize_many(texts, n_jobs=2) == want


def test_an_error_in_a_tokenizing_worker_is_raised_here(monkeypatch):
    from textmine.tokenize.tokenizer import Tokenizer as T

    parent, real = os.getpid(), T._compute

    def compute(self, text):
        if os.getpid() != parent:
            raise ValueError("分词进程出错")
        time.sleep(0.2)
        return real(self, text)

    monkeypatch.setattr(T, "_compute", compute)
    with pytest.raises(ValueError, match="分词进程出错"):
        tm.Tokenizer(cache=False).tokenize_many([f"第{i}次专项行动" for i in range(6)], n_jobs=2)


@pytest.mark.parametrize("kw", [{}, {"min_len": 1, "stopwords": ()}, {"min_len": 3}])
def test_batch_filter_decides_each_raw_token_as_alone(kw):
    # The memo is filled for a whole batch of new raw tokens at once (Han-only ones by one regex pass over
    # them joined with line breaks); each must be decided as _filter_one decides it alone. The tricky ones:
    # a token holding a line break (its lines are Han words but it is not one), padded, mixed, ASCII runs.
    raw = ["禁毒委", "中\n国", "\n", " 社区戒毒 ", "我们", "的", "毒", "2011-2020", "X", "XX市", "禁毒\n",
           "３", "一岗双责", "，", "", "A股", "戒毒所", "\u3000康复"]
    tok = tm.Tokenizer(cache=False, **kw)
    batch = tok._filter(raw)
    alone = [t for r in raw for t in tm.Tokenizer(cache=False, **kw)._filter_one(r)]
    assert batch == alone
    if not kw:
        assert batch == ["禁毒委", "中\n国", "社区戒毒", "XX市", "禁毒", "一岗双责", "A股", "戒毒所", "康复"]
