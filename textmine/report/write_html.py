"""briefing.html: one self-contained page (no server, no network, no CDN) to open from a USB stick.

It holds the findings, every chart (PNG as base64 data URIs, or the SVG inline), a
scattertext-style term explorer of the speech against the corpus (terms placed by
frequency and keyness; hover for the counts, click for the contexts), a search box
over the speech's sentences and the embedded corpus snippets, and sortable tables.

Security: every text written into the markup goes through :func:`html.escape`; the
data goes in one ``<script type="application/json">`` block written by
:func:`json.dumps` with ``<`` escaped, and the page's own script (vanilla JS, no
library) only ever sets ``textContent``, never ``innerHTML``.
"""

from __future__ import annotations

import base64
import html
import io
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["write_html", "EXPLORER_POINTS", "TABLE_ROWS"]

EXPLORER_POINTS = 400
"""Terms plotted in the explorer: those with the largest |G²| (the page stays small)."""
TABLE_ROWS = 200
"""Rows shown per table (the CSVs hold them all)."""

_TABLES = (  # (title, result attribute or callable, columns to show or None for all)
    ("关键性（本讲话 vs 参照语料）", "keyness", ["term", "n_target", "n_reference", "per_10k_target",
                                              "per_10k_reference", "g2", "log_ratio"]),
    ("各部门的政策工具", "policy_instruments", ["body", "side", "instrument", "n_directives", "count", "keywords"]),
    ("指令力度：本讲话、参照语料与同领域讲话", "strength_profile", None),
    ("各部分的指令力度", "directive_strength", None),
    ("各部门的指令力度", "directive_strength_body", None),
    ("各部分的成绩与问题", "tone", ["path", "title", "n_praise", "n_problem", "n_tokens", "balance",
                                 "praise_terms", "problem_terms"]),
    ("讲话点明的问题", "problems", ["marker", "problem", "detail", "cue"]),
    ("文本统计与百分位", "textstats_percentiles", None),
    ("最相似的讲话", "similar_documents", None),
    ("清洗记录", "cleaning", ["doc_id", "step", "kind", "start", "end", "text"]),
)


def _json_script(data: Any, element_id: str) -> str:
    # "<" as \u003c: no "</script>", "<!--" or "<script" can end or open anything inside the block
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/json" id="{html.escape(element_id)}">{text}</script>'


def _cell(v: Any) -> str:
    if isinstance(v, (tuple, list)):
        return "、".join(map(str, v))
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def _num(v: Any) -> float | None:
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _table_html(title: str, df: pd.DataFrame, cols: list[str] | None, idx: int) -> str:
    cols = [c for c in (cols or list(df.columns)) if c in df.columns]
    shown = df.head(TABLE_ROWS)
    head = "".join(f'<th scope="col" tabindex="0">{html.escape(str(c))}</th>' for c in cols)
    rows = []
    for rec in shown[cols].itertuples(index=False):
        cells = []
        for v in rec:
            n = _num(v) if not isinstance(v, (str, tuple, list, bool)) else None
            key = f' data-sort="{n!r}"' if n is not None else ""
            cells.append(f"<td{key}>{html.escape(_cell(v))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = (f'<p class="note">共{len(df)}行，仅列出前{TABLE_ROWS}行；完整数据见CSV。</p>'
            if len(df) > TABLE_ROWS else "")
    return (f'<section class="table"><h3>{html.escape(title)}</h3>{more}'
            f'<div class="scroll"><table class="sortable" id="table-{idx}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div></section>')


def _chart_image(name: str, paths: list[Path], result: Any) -> str:
    """An <img> with a PNG data URI (or the SVG inline); drawn in memory when no image file was written."""
    png = next((p for p in paths if p.suffix == ".png"), None)
    svg = next((p for p in paths if p.suffix == ".svg"), None)
    if png is not None and svg is not None:  # embed the lighter of the two
        png, svg = (png, None) if png.stat().st_size <= svg.stat().st_size else (None, svg)
    if png is not None:
        data = png.read_bytes()
    elif svg is not None:
        data = svg.read_bytes()
        b64 = base64.b64encode(data).decode("ascii")  # as a data URI: the SVG's ids cannot clash with the page's
        return f'<img class="chart" data-chart="{html.escape(name)}" alt="{html.escape(name)}" ' \
               f'src="data:image/svg+xml;base64,{b64}">'
    else:
        import matplotlib.pyplot as plt

        from .charts import CHARTS, figure

        spec = next(s for s in CHARTS if s.name == name)
        fig = figure(spec, result)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=110, metadata={"Software": None})
        plt.close(fig)
        data = buf.getvalue()
    b64 = base64.b64encode(data).decode("ascii")
    return f'<img class="chart" data-chart="{html.escape(name)}" alt="{html.escape(name)}" ' \
           f'src="data:image/png;base64,{b64}">'


def _finite(x: Any) -> float:
    v = float(x)
    return round(v, 2) if math.isfinite(v) else 0.0


def _explorer_data(result: Any) -> dict[str, Any]:
    from ..structure import sentence_spans

    key = result.keyness
    top = key.reindex(key.g2.abs().sort_values(ascending=False, kind="stable").index).head(EXPLORER_POINTS)
    terms = [{"t": str(r.term), "a": int(r.n_target), "b": int(r.n_reference),
              "pa": _finite(r.per_10k_target), "pb": _finite(r.per_10k_reference), "g": _finite(r.g2)}
             for r in top.itertuples(index=False)]
    text = result.cleaned.text
    sentences = [text[a:b].strip() for a, b in sentence_spans(text)]
    snippets: dict[str, dict[str, list[list[str]]]] = {}
    ex = getattr(result, "explorer", None)
    if ex is not None:
        for r in ex.itertuples(index=False):
            snippets.setdefault(str(r.term), {"speech": [], "corpus": []})[str(r.side)].append(
                [str(r.doc_id), str(r.left), str(r.keyword), str(r.right)])
    return {"terms": terms, "sentences": [s for s in sentences if s], "snippets": snippets,
            "speech_id": str(result.cleaned.doc_id), "n_reference": int(result.n_reference)}


def write_html(result: Any, report: Any) -> Path:
    """Write ``report.out_dir/briefing.html`` for a result and the pack written so far.

    Parameters
    ----------
    result : BriefingResult
    report : Report
        The findings, the charts drawn (with their images) and what was skipped.

    Returns
    -------
    Path
    """
    doc = result.doc
    title = f"{doc.title}：文本分析简报"
    meta = "，".join(str(doc.meta[k]) for k in ("place", "year", "occasion") if doc.meta.get(k))
    parts = [f"<h1>{html.escape(title)}</h1>"]
    if meta:
        parts.append(f'<p class="meta">{html.escape(meta)}</p>')
    parts.append(f"<p>参照语料：{int(result.n_reference)}篇讲话。以下数字均由 textmine 从讲话文本计算得出。</p>")
    parts.append('<nav><a href="#findings">主要发现</a> · <a href="#explorer">词语探索</a> · '
                 '<a href="#search">检索</a> · <a href="#charts">图表</a> · <a href="#tables">数据表</a></nav>')
    parts.append('<section id="findings"><h2>主要发现</h2><ul>'
                 + "".join(f"<li>{html.escape(x)}</li>" for x in report.findings) + "</ul></section>")
    parts.append(
        '<section id="explorer"><h2>词语探索：本讲话 vs 参照语料</h2>'
        '<p class="note">横轴：词频（本讲话与参照语料合计，对数）；纵轴：关键性（带符号G²，对数刻度），'
        '上方为本讲话多用的词，下方为少用的词。鼠标悬停显示次数，点击列出语境。</p>'
        '<div id="plot-wrap"><svg id="term-plot" role="img" aria-label="词语探索散点图"></svg>'
        '<div id="tooltip" hidden></div></div>'
        '<div id="term-contexts" aria-live="polite"></div></section>')
    parts.append(
        '<section id="search"><h2>检索</h2><form id="search-form" role="search">'
        '<input id="search-box" type="search" placeholder="输入任意词语，如：禁毒" aria-label="检索词语">'
        '<button type="submit">检索</button></form>'
        '<p class="note">在本讲话的全部句子中检索；参照语料的语境只收录词语探索中的关键词（每词至多若干条）。</p>'
        '<div id="search-results" aria-live="polite"></div></section>')
    charts = ['<section id="charts"><h2>图表</h2>']
    for name, (ctitle, takeaway, paths) in report.charts.items():
        charts.append(f'<figure class="chart-box" id="chart-{html.escape(name)}"><h3>{html.escape(ctitle)}</h3>'
                      f"<figcaption>{html.escape(takeaway)}</figcaption>{_chart_image(name, paths, result)}</figure>")
    charts.append("</section>")
    parts += charts
    tables = ['<section id="tables"><h2>数据表</h2><p class="note">点击表头排序。</p>']
    for i, (ttitle, attr, cols) in enumerate(_TABLES):
        df = getattr(result, attr, None)
        if df is not None and len(df):
            tables.append(_table_html(ttitle, df, cols, i))
    tables.append("</section>")
    parts += tables
    if report.skipped:
        parts.append('<section id="skipped"><h2>未生成的内容</h2><ul>'
                     + "".join(f"<li>{html.escape(x)}</li>" for x in report.skipped) + "</ul></section>")
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body><main>"
        + "".join(parts)
        + "</main>" + _json_script(_explorer_data(result), "briefing-data") + f"<script>{_JS}</script></body></html>\n"
    )
    path = Path(report.out_dir) / "briefing.html"
    path.write_text(page, encoding="utf-8")
    return path


_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","Hiragino Sans GB","SimHei","SimSun","WenQuanYi Micro Hei",sans-serif;margin:0;
color:#222;background:#fff}main{max-width:1100px;margin:0 auto;padding:1em 1.5em}h1{color:#9E1B1B}
h2{border-bottom:2px solid #C62828;padding-bottom:.2em;margin-top:1.6em}.meta,.note{color:#666;font-size:.9em}
nav a{color:#9E1B1B}img.chart{max-width:100%;height:auto;border:1px solid #eee}figure{margin:1.2em 0}
figcaption{color:#444;margin:.3em 0}#plot-wrap{position:relative}#term-plot{width:100%;height:520px;
border:1px solid #ddd;background:#fcfcfc}#term-plot circle{cursor:pointer}#term-plot circle.sel{stroke:#000;
stroke-width:2}#tooltip{position:absolute;pointer-events:none;background:#fff;border:1px solid #999;
padding:.3em .5em;font-size:.85em;box-shadow:0 1px 4px rgba(0,0,0,.2)}.ctx{margin:.2em 0;font-size:.95em}
.ctx mark{background:#F9D7D7;color:#000}.ctx .src{color:#888;font-size:.85em;margin-right:.4em}
.scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.88em;margin:.5em 0}th,td{border:1px solid #ddd;
padding:.25em .5em;text-align:left;vertical-align:top}th{background:#f4f4f4;cursor:pointer;user-select:none}
th.asc::after{content:" \\25B2"}th.desc::after{content:" \\25BC"}#search-box{font-size:1em;padding:.3em;width:20em}
"""

_JS = r"""
(function(){
"use strict";
var DATA=JSON.parse(document.getElementById("briefing-data").textContent);
var SVGNS="http://www.w3.org/2000/svg";
function el(tag,attrs,text){var e=document.createElement(tag);if(attrs){for(var k in attrs){e.setAttribute(k,attrs[k]);}}
 if(text!==undefined){e.textContent=text;}return e;}
function sv(tag,attrs){var e=document.createElementNS(SVGNS,tag);for(var k in attrs){e.setAttribute(k,attrs[k]);}return e;}
function ctxLine(src,left,kw,right){var p=el("div",{"class":"ctx"});p.appendChild(el("span",{"class":"src"},src));
 p.appendChild(document.createTextNode(left));p.appendChild(el("mark",null,kw));p.appendChild(document.createTextNode(right));return p;}
function speechHits(term,max){var out=[];for(var i=0;i<DATA.sentences.length&&out.length<max;i++){var s=DATA.sentences[i];
 var j=s.indexOf(term);if(j>=0){out.push([DATA.speech_id,s.slice(0,j),term,s.slice(j+term.length)]);}}return out;}
function corpusHits(term,max){var out=[];var sn=DATA.snippets;if(sn[term]){return sn[term].corpus.slice(0,max);}
 var seen={};for(var t in sn){var c=sn[t].corpus;for(var i=0;i<c.length&&out.length<max;i++){var whole=c[i][1]+c[i][2]+c[i][3];
 var j=whole.indexOf(term);var k=c[i][0]+"|"+whole;if(j>=0&&!seen[k]){seen[k]=1;out.push([c[i][0],whole.slice(0,j),term,whole.slice(j+term.length)]);}}}
 return out;}
function showContexts(box,term,heading){box.textContent="";box.appendChild(el("h3",null,heading));
 var sp=speechHits(term,50);box.appendChild(el("h4",null,"本讲话（"+sp.length+"句）"));
 if(!sp.length){box.appendChild(el("p",{"class":"note"},"本讲话中未出现。"));}
 sp.forEach(function(h){box.appendChild(ctxLine(h[0],h[1],h[2],h[3]));});
 var cp=corpusHits(term,20);box.appendChild(el("h4",null,"参照语料（"+cp.length+"条）"));
 if(!cp.length){box.appendChild(el("p",{"class":"note"},"嵌入的参照语料语境中未找到。"));}
 cp.forEach(function(h){box.appendChild(ctxLine(h[0],h[1],h[2],h[3]));});}
// ---- term explorer
var svg=document.getElementById("term-plot"),tip=document.getElementById("tooltip"),box=document.getElementById("term-contexts");
var W=1000,H=520,M=50;svg.setAttribute("viewBox","0 0 "+W+" "+H);
var terms=DATA.terms;
function fx(t){return Math.log10(1+t.a+t.b);}function fy(t){return (t.g<0?-1:1)*Math.log10(1+Math.abs(t.g));}
var xs=terms.map(fx),ys=terms.map(fy);
var x0=Math.min.apply(null,xs.concat([0])),x1=Math.max.apply(null,xs.concat([1]));
var ymax=Math.max.apply(null,ys.map(Math.abs).concat([1]));
function px(v){return M+(v-x0)/(x1-x0||1)*(W-2*M);}function py(v){return H/2-v/ymax*(H/2-M);}
svg.appendChild(sv("line",{x1:M,x2:W-M,y1:H/2,y2:H/2,stroke:"#999","stroke-dasharray":"4 3"}));
var lt=sv("text",{x:M,y:M-20,fill:"#9E1B1B","font-size":"14"});lt.textContent="本讲话多用";svg.appendChild(lt);
var lb=sv("text",{x:M,y:H-M+30,fill:"#4A6076","font-size":"14"});lb.textContent="参照语料多用";svg.appendChild(lb);
var lx=sv("text",{x:W-M,y:H-8,"text-anchor":"end",fill:"#666","font-size":"13"});lx.textContent="词频（对数）→";svg.appendChild(lx);
var selected=null;
// the least key terms first: a term that shares its place with others is drawn, and hovered, on top of them
var order=terms.map(function(t,i){return i;}).reverse();
order.forEach(function(i){var t=terms[i];var c=sv("circle",{cx:px(xs[i]).toFixed(1),cy:py(ys[i]).toFixed(1),r:5,
 fill:t.g>0?"#C62828":"#4A6076","fill-opacity":"0.65","data-term":t.t});
 c.addEventListener("mouseenter",function(ev){tip.textContent=t.t+"：本讲话"+t.a+"次（每万词"+t.pa+"），参照语料"+t.b+"次（每万词"+t.pb+"），G²="+t.g;
  tip.hidden=false;var r=svg.getBoundingClientRect();tip.style.left=(ev.clientX-r.left+12)+"px";tip.style.top=(ev.clientY-r.top+12)+"px";});
 c.addEventListener("mouseleave",function(){tip.hidden=true;});
 c.addEventListener("click",function(){if(selected){selected.classList.remove("sel");}selected=c;c.classList.add("sel");
  showContexts(box,t.t,"“"+t.t+"”的语境");});
 svg.appendChild(c);});
// labels for the most key terms, greedily: each label is measured as drawn (whatever font the PC has); one
// that would overlap a label already placed tries the other side, above and below, and is left out rather
// than drawn over another
var boxes=[],placed=0;
function hits(b){return boxes.some(function(o){return b.x<o.x+o.width&&o.x<b.x+b.width&&b.y<o.y+o.height&&o.y<b.y+b.height;});}
for(var i=0;i<terms.length&&placed<25;i++){var cx=px(xs[i]),cy=py(ys[i]);
 var lab=sv("text",{x:0,y:0,"font-size":"12",fill:"#333","pointer-events":"none","class":"term-label"});
 lab.textContent=terms[i].t;svg.appendChild(lab);var m=lab.getBBox(),w=m.width,h=m.height,up=-m.y;
 var tries=[[cx+7,cy-h/2],[cx-7-w,cy-h/2],[cx-w/2,cy-7-h],[cx-w/2,cy+7]],ok=false;
 for(var k=0;k<tries.length&&!ok;k++){var b={x:tries[k][0],y:tries[k][1],width:w,height:h};
  if(b.x<0||b.x+w>W||b.y<0||b.y+h>H||hits(b)){continue;}
  lab.setAttribute("x",b.x.toFixed(1));lab.setAttribute("y",(b.y+up).toFixed(1));boxes.push(b);placed++;ok=true;}
 if(!ok){svg.removeChild(lab);}}
// ---- search
var form=document.getElementById("search-form"),input=document.getElementById("search-box"),res=document.getElementById("search-results");
form.addEventListener("submit",function(ev){ev.preventDefault();var q=input.value.trim();res.textContent="";
 if(!q){res.appendChild(el("p",{"class":"note"},"请输入要检索的词语。"));return;}showContexts(res,q,"“"+q+"”的检索结果");});
// ---- sortable tables
Array.prototype.forEach.call(document.querySelectorAll("table.sortable"),function(table){
 var ths=table.querySelectorAll("th");Array.prototype.forEach.call(ths,function(th,col){
  function sort(){var asc=!th.classList.contains("asc");Array.prototype.forEach.call(ths,function(h){h.classList.remove("asc","desc");});
   th.classList.add(asc?"asc":"desc");var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
   rows.sort(function(a,b){var ca=a.cells[col],cb=b.cells[col];var na=ca.getAttribute("data-sort"),nb=cb.getAttribute("data-sort");
    var r;if(na!==null&&nb!==null){r=parseFloat(na)-parseFloat(nb);}else if(na!==null){r=-1;}else if(nb!==null){r=1;}
    else{r=ca.textContent.localeCompare(cb.textContent,"zh");}return asc?r:-r;});
   rows.forEach(function(r){body.appendChild(r);});}
  th.addEventListener("click",sort);th.addEventListener("keydown",function(ev){if(ev.key==="Enter"){sort();}});});});
})();
"""
