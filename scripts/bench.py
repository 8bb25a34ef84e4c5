#!/usr/bin/env python3
"""Build benchmark for `handbook`: generated handbooks of 1,000 and 10,000 pages.

What it does
------------
1. Generates, for every size N given with ``--pages`` (default 1000 and 10000),
   a realistic handbook of exactly N markdown pages, written to the content
   model (docs/content-model.md) in Danish-like text:

   * ~5 % phases (``faser/``): top-level phases and sub-phases (``parent:``,
     a few three levels deep), ``weeks``, milestones, role tables of 5-10
     roles and 5-15 activities with week(s), category, responsible, involved,
     guide, templates and task_ref;
   * ~15 % roles (``roller/``) in 3-5 organisations; a few core roles
     (project manager, owner, ...) are referenced far more often than the
     rest, as in a real handbook;
   * ~20 % guides (``vejledninger/``): kind, phases, participants with their
     part, templates, before/after, an agenda of 4-8 items, sometimes a
     ``duration_minutes`` that matches the agenda;
   * ~10 % templates (``skabeloner/``), each with a real attachment of a few KB
     (.docx/.xlsx/.pptx built with scripts/make_office_files.py when it can be
     imported, and hand-written .pdf files);
   * ~5 % training plans (``uddannelsesplaner/``) with courses (week or weeks,
     held_by, form, optional);
   * the rest free chapters in nested folders (``index.md`` + sections, up to
     three levels), a front page, the typed folders' intros and two reading
     guide intros (one with a ``read:`` list), a few PNG figures with alt
     text, a few aliases and ``planned`` pages.

   Bodies carry headings, lists, tables, bold text, and links of every kind:
   ``rolle: fase: vejledning: skabelon: uddannelse: laesevejledning: side:``
   (by path and by unique id), relative ``.md`` links, links to attachments
   and in-page anchors; about a quarter of typed links carry an ``#anchor``
   that exists on the target (a heading whose id is the slug of its text, an
   activity id, or a generated section such as ``#dagsorden``). Pages carry
   ``audiences:`` so the five reading guides are non-trivial. Output is
   deterministic for a given ``--seed``.

2. Verifies each generated handbook with ``handbook check --root DIR`` and
   stops with the diagnostics when it reports an error (warnings are printed;
   with ``--strict`` they stop the run too).

3. Builds the binary with ``cargo build --release`` (unless ``--binary PATH``)
   and times ``handbook build --root DIR --out DIR/public``: one warm-up run,
   then ``--runs`` measured runs (default 5). Each run is its own child
   process reaped with ``os.wait4``, which returns that child's rusage only:
   wall time from ``time.perf_counter`` around it, CPU time and peak memory
   (``ru_maxrss``, the number GNU ``/usr/bin/time -v`` prints as "Maximum
   resident set size", since it reads the same wait4 rusage). When
   ``/usr/bin/time`` exists, the warm-up runs under ``/usr/bin/time -v`` and
   its figure is printed as a cross-check. ``handbook check`` (load, resolve
   and render, no writing) is timed the same way, so build - check is the
   cost of writing the output.

4. Prints a Markdown table (pages, source files, output files and size, median
   and min wall time, CPU, peak RSS, ms per page) and a growth check: time
   per page from the smallest to the largest size, and the exponent k of
   t ~ N^k (1 is linear; a warning is printed above 1.3).

5. ``--peers``: when ``hugo`` or ``mdbook`` is on PATH, the same content is
   converted into a minimal Hugo site (folder ``index.md`` -> ``_index.md``,
   typed links rewritten to URLs, attachments to ``static/``, small layouts
   with breadcrumbs, section list and table of contents) and an mdBook book
   (front matter dropped, ``# title`` added, typed links rewritten to relative
   ``.md`` paths, ``SUMMARY.md`` in handbook folder order), and both are timed
   the same way in the same run, with their ratio to handbook. Nothing is
   installed; an absent tool is reported as skipped. Note that the peers do
   less work than handbook (no cross-reference pages, reading guides, matrix
   or link checking), so the ratio is a floor for handbook, not a like-for-
   like comparison.

6. ``--shared``: the comparison of issue 14 on the shared corpus
   (``../shared/bench`` beside the repository, or ``--shared-dir``): for each
   size, ``gen_corpus.py N DIR --only hugo,handbook`` writes the same pages
   for both tools, and ``build.sh TOOL N`` does one clean build into a new
   folder. The two tools alternate (handbook, Hugo, handbook, Hugo, ...), and
   the ratios of wall time, CPU time and peak memory are taken pair by pair
   and their median reported, because the machine is shared and noisy. Then
   an unchanged rebuild into the same folder is paired with a clean build the
   same way (and every output file's inode and modification time must stay),
   and one ``handbook build --timings`` run shows the stages. Hugo is skipped
   when it is not on PATH.

Everything is written into a temporary folder (``tempfile.mkdtemp``, removed
at the end; kept with ``--generate-only``) or into ``--keep DIR`` (kept). Nothing is written inside the
repository except cargo's ``target/``.

Usage
-----
    python3 scripts/bench.py                      # 1,000 and 10,000 pages, 5 runs
    python3 scripts/bench.py --pages 1000 --runs 3
    python3 scripts/bench.py --binary target/release/handbook --keep /tmp/hb
    python3 scripts/bench.py --peers              # also hugo / mdbook when present
    python3 scripts/bench.py --generate-only --keep /tmp/hb --pages 500
    python3 scripts/bench.py --shared --pages 1000 10000 --runs 7   # vs Hugo, shared corpus

Python 3.11, standard library only.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import posixpath
import random
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Weeks lie within this many weeks of go-live (`fields::MAX_WEEK`).
MAX_WEEK = 520

# --------------------------------------------------------------------------
# Slugs, exactly as the content model defines them (src/slug.rs)
# --------------------------------------------------------------------------

TRANSLIT = {
    "æ": "ae", "ä": "ae", "ø": "oe", "ö": "oe", "å": "aa",
    "é": "e", "è": "e", "ê": "e", "ë": "e", "á": "a", "à": "a", "â": "a",
    "ó": "o", "ò": "o", "ô": "o", "í": "i", "ì": "i", "î": "i", "ï": "i",
    "ú": "u", "ù": "u", "û": "u", "ü": "u", "ñ": "n", "ç": "c", "ß": "ss",
}


def slugify(text: str) -> str:
    """Lowercase, Danish letters transliterated, other runs of non-alphanumerics -> '-'."""
    out: list[str] = []
    pending = False
    for c in text.lower():
        mapped = TRANSLIT.get(c)
        if mapped is None and c.isalnum():
            mapped = c
        if mapped is None:
            pending = True
            continue
        if pending and out:
            out.append("-")
        pending = False
        out.append(mapped)
    return "".join(out)


class UniqueIds:
    """Heading ids unique within a page (`maal`, `maal-2`), as the engine hands them out."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def reserve(self, anchor: str) -> None:
        self.seen.setdefault(anchor, 1)

    def id_for(self, text: str) -> str:
        base = slugify(text) or "afsnit"
        cand = base
        while True:
            n = self.seen.get(cand, 0) + 1
            self.seen[cand] = n
            if n == 1:
                return cand
            cand = f"{base}-{n}"
            if cand not in self.seen:
                self.seen[cand] = 1
                return cand


# --------------------------------------------------------------------------
# YAML front matter writer (block style, flow lists/maps where short)
# --------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-zÆØÅæøåÉé0-9½][^:#\[\]{}\"'\n|>&*!%@`\\]*$")
_NUMBERISH = re.compile(r"^[0-9.+\-eE_:]+$")
_RESERVED_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def ys(value, flow: bool = False) -> str:
    """One YAML scalar: plain when that is unambiguous, else double-quoted (JSON is valid YAML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    s = str(value)
    plain = (
        bool(_PLAIN.match(s))
        and not s.endswith(" ")
        and not _NUMBERISH.match(s)
        and s.lower() not in _RESERVED_WORDS
        and not (flow and "," in s)
    )
    return s if plain else json.dumps(s, ensure_ascii=False)


def _is_scalar(v) -> bool:
    return isinstance(v, (str, int, bool))


def _emit(lines: list[str], key: str, value, ind: int, rng: random.Random) -> None:
    pad = " " * ind
    if isinstance(value, dict):
        if all(_is_scalar(v) for v in value.values()) and len(value) <= 3:
            inner = ", ".join(f"{k}: {ys(v, True)}" for k, v in value.items())
            lines.append(f"{pad}{key}: {{ {inner} }}")
        else:
            lines.append(f"{pad}{key}:")
            for k, v in value.items():
                _emit(lines, k, v, ind + 2, rng)
    elif isinstance(value, list):
        if not value:
            lines.append(f"{pad}{key}: []")
        elif all(_is_scalar(v) for v in value):
            flow = "[" + ", ".join(ys(v, True) for v in value) + "]"
            if len(flow) <= 90:
                lines.append(f"{pad}{key}: {flow}")
            else:
                lines.append(f"{pad}{key}:")
                lines.extend(f"{pad}  - {ys(v)}" for v in value)
        else:
            lines.append(f"{pad}{key}:")
            for item in value:
                small = all(_is_scalar(v) for v in item.values())
                flow = "{ " + ", ".join(f"{k}: {ys(v, True)}" for k, v in item.items()) + " }"
                if small and len(flow) <= 100 and rng.random() < 0.6:
                    lines.append(f"{pad}  - {flow}")
                    continue
                sub: list[str] = []
                for k, v in item.items():
                    _emit(sub, k, v, ind + 4, rng)
                sub[0] = f"{pad}  - " + sub[0][ind + 4:]
                lines.extend(sub)
    else:
        lines.append(f"{pad}{key}: {ys(value)}")


def front_matter(fm: dict, rng: random.Random) -> str:
    lines: list[str] = []
    for k, v in fm.items():
        if v is None:
            continue
        _emit(lines, k, v, 0, rng)
    return "---\n" + "\n".join(lines) + "\n---\n"


# --------------------------------------------------------------------------
# Danish-like vocabulary
# --------------------------------------------------------------------------

DOMAINS = [
    "datakvalitet", "gevinstrealisering", "forandringsledelse", "konvertering", "uddannelse",
    "test", "konfiguration", "brugeradministration", "sagsbehandling", "borgerkommunikation",
    "økonomistyring", "dokumenthåndtering", "integrationer", "it-sikkerhed", "databeskyttelse",
    "arbejdsgange", "support", "driftsovergang", "kvalitetssikring", "ledelsesinformation",
    "udbetaling", "journalisering", "tilsyn", "beredskab", "fejlhåndtering", "leverandørstyring",
    "ressourceplanlægning", "kompetenceudvikling", "procesoptimering", "målstyring",
    "interessenthåndtering", "risikostyring", "kontraktstyring", "servicemål", "tilgængelighed",
    "rapportering", "adgangsstyring", "klassifikation", "organisationsdata", "snitflader",
    "selvbetjening", "ydelsesberegning", "opfølgning", "samarbejde", "netværk", "evaluering",
    "tidsplanlægning", "idéudvikling", "styring", "arkivering", "medarbejderinddragelse",
    "kommunikation", "udrulning", "hypercare", "fagsystemer", "stamdata",
]
GERUNDS = [
    "Forberedelse", "Planlægning", "Klargøring", "Afprøvning", "Idriftsættelse", "Ibrugtagning",
    "Forankring", "Overlevering", "Opfølgning", "Konsolidering", "Analyse", "Design",
    "Opstart", "Afslutning", "Stabilisering", "Tilpasning", "Evaluering", "Mobilisering",
]
ROLE_PREFIXES = ["Lokal", "Central", "Fælles", "Teknisk", "Faglig", "Kommunal", "Regional", "Tværgående"]
ROLE_SUFFIXES = [
    "ansvarlig", "koordinator", "specialist", "leder", "konsulent", "superbruger", "tovholder",
    "ejer", "rådgiver", "administrator",
]
CORE_ROLES = [
    ("Projektleder", "kommune"), ("Projektejer", "kommune"), ("Gevinstejer", "kommune"),
    ("Lokal administrator", "kommune"), ("Lokal træner", "kommune"),
    ("It-infrastrukturansvarlig", "kommune"), ("Forandringsagent", "kommune"),
    ("Styregruppeformand", "kommune"), ("Leverandørens projektleder", "leverandoer"),
    ("Sagsbehandler", "kommune"), ("Underviser", "leverandoer"), ("Programleder", "kombit"),
]
HOLDERS = [
    "Afdelingsleder, teamleder eller lignende", "En erfaren medarbejder fra fagområdet",
    "Ydelseschef eller centerchef", "En medarbejder fra it-afdelingen",
    "Projektmedarbejder med indsigt i arbejdsgangene", "Leverandørens konsulent",
    "En leder med budgetansvar for området", "Superbruger fra Ydelsescenteret",
]
SUBJECTS = [
    "Projektlederen", "Styregruppen", "Den lokale administrator", "Kommunen", "Leverandøren",
    "Projektgruppen", "Gevinstejeren", "Forandringsagenten", "Superbrugerne", "Ledelsen",
    "Medarbejderne", "It-afdelingen", "Trænerne", "Projektejeren", "Sagsbehandlerne",
]
VERBS = [
    ("planlægger", "planlægge"), ("gennemfører", "gennemføre"), ("følger op på", "følge op på"),
    ("beskriver", "beskrive"), ("afstemmer", "afstemme"), ("dokumenterer", "dokumentere"),
    ("vurderer", "vurdere"), ("godkender", "godkende"), ("koordinerer", "koordinere"),
    ("forbereder", "forberede"), ("tester", "teste"), ("prioriterer", "prioritere"),
    ("kortlægger", "kortlægge"), ("formidler", "formidle"), ("justerer", "justere"),
]
OBJECTS = [
    "tidsplanen", "risikoanalysen", "kommunikationsplanen", "de lokale arbejdsgange",
    "datakvaliteten i fagsystemet", "uddannelsesforløbet", "gevinstrealiseringsplanen",
    "testforløbet", "brugeradgangene", "konverteringen af sager", "støttesystemerne",
    "målhierarkiet", "interessentanalysen", "overdragelsen til drift", "de kritiske opgaver",
    "milepælsplanen", "budgettet", "leverancerne", "kompetenceprofilerne", "fejlhåndteringen",
    "supportmodellen", "den fælles forståelse af forandringen", "ønskerne til konfigurationen",
    "økonomien", "beslutningsgrundlaget", "opfølgningen på gevinsterne", "snitfladerne",
    "de organisatoriske ændringer", "kvaliteten af stamdata", "idéerne fra medarbejderne",
]
CLAUSES = [
    "alle kender deres opgaver", "ingen opgaver falder mellem to stole",
    "medarbejderne er trygge ved forandringen", "gevinsterne kan måles",
    "driften kan overtage uden afbrydelser", "der er tid til at rette fejl",
    "ledelsen kan træffe beslutninger på et oplyst grundlag", "brugerne får en god start",
    "løsningen kan tages i brug på idriftsættelsesdatoen", "risici opdages i tide",
    "borgerne ikke mærker overgangen", "erfaringerne bliver delt på tværs",
]
WHEN = [
    "idriftsættelsen", "kickoff", "den første test", "godkendelsen", "konverteringen",
    "overleveringen til drift", "uge -6", "styregruppemødet", "udrulningsworkshoppen",
]
HEADINGS = [
    "Formål", "Baggrund", "Mål og succeskriterier", "Sådan gør I", "Ansvar og opgaver",
    "Erfaringer fra kommunerne", "Tidsplan og milepæle", "Økonomi og ressourcer",
    "Idéer til det videre arbejde", "Eksempel", "Tjekliste", "Spørgsmål og svar", "Overblik",
    "Forudsætninger", "Leverancer", "Risici og tiltag", "Gode råd", "Sammenhæng med andre opgaver",
    "Hvad skal være på plads", "Læs også", "Særlige forhold", "Kvalitet og opfølgning",
    "Når noget går galt", "Ordforklaring", "Værktøjer", "Målgrupper", "Forløbet trin for trin",
]
HEADING_TOPICS = ["Særlige forhold for {d}", "Opfølgning på {d}", "Krav til {d}", "Status på {d}",
                  "Roller i {d}", "Principper for {d}", "Erfaringer med {d}"]
CHAPTER_LEAF = [
    "Principper for {d}", "{D} i praksis", "Roller og ansvar i {d}", "Tjekliste til {d}",
    "Erfaringer med {d}", "Krav til {d}", "Overblik over {d}", "Metode til {d}",
    "Spørgsmål og svar om {d}", "Sådan lykkes {d}", "Økonomi i {d}", "Mål for {d}",
    "Kort om {d}", "Strategi for {d}", "Værktøjer til {d}", "Idéer til {d}",
]
CHAPTER_FOLDER = [
    "{D}", "Koncept for {d}", "Rammer for {d}", "{D} og {d2}", "Indsatser for {d}",
    "Del om {d}", "Håndbog i {d}",
]
TEMPLATE_TYPES = [
    "Risikoanalyse", "Tidsplan", "Kommunikationsplan", "Tjekliste", "Referatskabelon",
    "Statusrapport", "Kompetenceprofil", "Procesdiagram", "Kontaktliste", "Interessentanalyse",
    "Gevinstplan", "Testplan", "Beslutningsoplæg", "Milepælsplan", "Spørgeskema", "Målhierarki",
]
GUIDE_QUAL = ["", " i praksis", " – opstart", " – opfølgning", " og {d2}", " for ledere", " for superbrugere"]
COURSE_TITLES = [
    "Introduktion til {d}", "Hands on-kursus i {d}", "E-learning om {d}", "Webinar om {d}",
    "Repetition af {d}", "Netværksmøde om {d}", "Fordybelse i {d}", "Prøvekørsel af {d}",
]
COURSE_FORMS = ["tilstedeværelse", "e-learning", "webinar", "selvstudie", "introduktionsmøde",
                "netværksmøde", "andet"]
DURATIONS = ["1 dag", "½ dag", "2 timer", "3 timer", "1½ dag", "3 × 2 timer", "45 minutter"]
ACT_VERBS = ["Planlæg", "Gennemfør", "Godkend", "Afstem", "Dokumentér", "Test", "Beskriv",
             "Udpeg", "Opdatér", "Etablér", "Vurdér", "Afhold", "Deltag i", "Følg op på",
             "Klargør", "Indsaml", "Kortlæg", "Prioritér"]
ACT_OBJECTS = ["tidsplan for {d}", "workshop om {d}", "beslutning om {d}", "test af {d}",
               "ansvarlige for {d}", "krav til {d}", "status på {d}", "oplæg om {d}",
               "data til {d}", "risici ved {d}", "uddannelse i {d}", "overdragelse af {d}"]
AGENDA_ITEMS = ["Velkomst og formål", "Status siden sidst", "Gennemgang af {d}", "Drøftelse af {d}",
                "Gruppearbejde om {d}", "Prioritering af {d}", "Opsamling og næste skridt",
                "Erfaringer med {d}", "Beslutninger om {d}", "Risici ved {d}", "Pause"]
MATERIALS = ["Målhierarki", "Tidsplan", "Slides", "Risikoanalyse", "Procesdiagram",
             "Kommunikationsplan", "Spørgeskema", "Deltagerliste", "Statusrapport"]
LOCATIONS = ["Mødelokale i rådhuset", "Online via Teams", "Ydelsescenteret", "Kursuslokalet",
             "Hos leverandøren", "Byrådssalen"]
MILESTONES = ["Kickoff", "Go/no-go", "Godkendt testrapport", "Konvertering gennemført",
              "Overlevering til drift", "Afsluttende evaluering", "Styregruppebeslutning"]
ORGANISATIONS = [
    ("kommune", "Kommunale roller"), ("leverandoer", "Leverandørens roller"),
    ("kombit", "KOMBITs roller"), ("oevrige-kommunale", "Øvrige kommunale roller og interessenter"),
    ("region", "Regionale roller"),
]
WORKSTREAMS = [
    ("projektstyring", "Projektstyring", "At implementeringen bliver styret og holder fremdrift."),
    ("forandringsledelse", "Forandringsledelse", "At målgrupperne kender forandringerne og er trygge ved dem."),
    ("gevinstrealisering", "Gevinstrealisering", "At kommunen finder gevinsterne og får dem høstet."),
    ("uddannelse", "Uddannelse", "At målgrupperne bliver uddannet, så de kan bruge løsningen i hverdagen."),
    ("ud-og-indfasning", "Ud- og indfasning", "At det gamle system kan fases ud og det nye fases ind."),
    ("konfigurering", "Konfigurering", "At de lokale konfigurationer er på plads til tiden."),
    ("forvaltning-og-drift", "Forvaltning og drift", "At driften er klar til at overtage, når projektet slutter."),
]
# (audience id, title, description, core role index or None)
AUDIENCES = [
    ("projektleder", "Projektleder", "Håndbogens primære målgruppe; ejer implementeringen i kommunen.", 0),
    ("projektejer", "Projektejer", "Får indsigt i forløbet og i, hvor meget kommunen skal involveres.", 1),
    ("lokal-administrator", "Lokal administrator", "Får indblik i konfigurationsopgaverne, og hvornår de ligger.", 3),
    ("lokale-traenere", "Lokale trænere", "Får indsigt i uddannelse, udrulning og konvertering.", 4),
    ("ledelse", "Ledelsen i forvaltningen", "Får overblik over formål, rammer og ressourcer.", None),
]
# Output paths the engine generates itself: no chapter folder may take them.
RESERVED_TOP = {"faser", "roller", "vejledninger", "skabeloner", "uddannelsesplaner",
                "laesevejledninger", "opgaver", "ansvarsmatrix", "versioner", "print", "assets",
                "404-html", "sitemap-xml", "feed-xml", "index"}

SCHEME = {"phase": "fase", "role": "rolle", "guide": "vejledning", "template": "skabelon",
          "training": "uddannelse"}
TYPE_FOLDER = {"phase": "faser", "role": "roller", "guide": "vejledninger",
               "template": "skabeloner", "training": "uddannelsesplaner"}
# Generated sections that always render on a page of this type with the data we give it.
SAFE_RESERVED = {"phase": ["roller", "aktiviteter"], "role": ["ansvar"],
                 "guide": ["deltagere", "dagsorden", "foer", "efter"],
                 "template": ["download"], "training": ["forloeb"]}
# Every anchor the engine reserves on a page of this type (src/load/scan.rs).
ALL_RESERVED = {
    "phase": ["underfaser", "milepaele", "roller", "aktiviteter", "vejledninger"],
    "role": ["ansvar", "faser", "aktiviteter", "vejledninger", "uddannelse", "skabeloner"],
    "guide": ["deltagere", "dagsorden", "foer", "efter", "skabeloner"],
    "template": ["download", "bruges-i"],
    "training": ["forloeb", "selvstudie", "efteruddannelse", "oevrige-aktiviteter"],
}


# --------------------------------------------------------------------------
# The plan of a handbook: every page before any body is written
# --------------------------------------------------------------------------

@dataclass
class Page:
    rel: str                      # path under content/
    kind: str                     # front chapter intro rguide phase role guide template training
    title: str
    fm: dict
    headings: list = field(default_factory=list)   # (level, text)
    anchors: list = field(default_factory=list)    # anchors a link may name
    linkable: bool = True
    links: int = 6                # how many links its body gets
    body_extra: str = ""          # kind-specific markdown prepended to the body

    @property
    def id(self) -> str:
        if "id" in self.fm:
            return self.fm["id"]
        stem = self.rel[:-3]
        if stem.endswith("/index"):
            stem = stem[: -len("/index")]
        return slugify(stem.rsplit("/", 1)[-1])

    @property
    def path_key(self) -> str:
        """`side:` path of a free page: the path without .md (folder for index.md)."""
        stem = self.rel[:-3]
        return stem[: -len("/index")] if stem.endswith("/index") else stem


class Gen:
    """Generates one handbook of `n` pages with its own seeded random source."""

    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(f"handbook-bench-{seed}-{n}")
        self.pages: list[Page] = []
        self.attachments: list[tuple[str, str, str]] = []   # (rel, kind, title)
        self.by_kind: dict[str, list[Page]] = {k: [] for k in
                                               ("phase", "role", "guide", "template", "training",
                                                "chapter")}
        self.titles_used: set[tuple[str, str]] = set()

    # -- small helpers -------------------------------------------------------

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def fill(self, pattern: str) -> str:
        d, d2 = self.rng.sample(DOMAINS, 2)
        return pattern.replace("{D}", d[0].upper() + d[1:]).replace("{d2}", d2).replace("{d}", d)

    def unique_title(self, scope: str, make) -> str:
        """A title whose slug is new in `scope` (a type or a folder)."""
        for _ in range(40):
            t = make()
            if (scope, slugify(t)) not in self.titles_used:
                self.titles_used.add((scope, slugify(t)))
                return t
        base = make()
        k = 2
        while (scope, slugify(f"{base} {k}")) in self.titles_used:
            k += 1
        self.titles_used.add((scope, slugify(f"{base} {k}")))
        return f"{base} {k}"

    def sentence(self) -> str:
        r = self.rng
        s, (v, vi) = self.pick(SUBJECTS), self.pick(VERBS)
        o, o2 = r.sample(OBJECTS, 2)
        form = r.randrange(7)
        if form == 0:
            return f"{s} {v} {o}, så {self.pick(CLAUSES)}."
        if form == 1:
            return f"Det er vigtigt, at {s[0].lower() + s[1:]} {v} {o} i god tid før {self.pick(WHEN)}."
        if form == 2:
            return f"I denne del af forløbet {v} {s[0].lower() + s[1:]} {o}."
        if form == 3:
            return f"{s} har ansvaret for {o}, og {self.pick(SUBJECTS).lower()} bidrager med {o2}."
        if form == 4:
            return f"Erfaringen viser, at {o} bliver bedre, når {s[0].lower() + s[1:]} {v} {o2} tidligt."
        if form == 5:
            return f"Kommunen bør {vi} {o} og sikre, at {o2} er på plads senest ved {self.pick(WHEN)}."
        return f"**{o[0].upper() + o[1:]}** er en forudsætning for, at {self.pick(CLAUSES)}."

    def summary(self) -> str:
        return " ".join(self.sentence().replace("**", "") for _ in range(self.rng.randint(1, 2)))

    def audiences(self) -> list[str] | None:
        if self.rng.random() < 0.45:
            return None
        k = self.rng.choice([1, 1, 2, 2, 3])
        return sorted(self.rng.sample([a[0] for a in AUDIENCES], k))

    def plan_headings(self, page: Page, count: int) -> None:
        """Headings for a body, their ids as the engine gives them, and the linkable anchors."""
        ids = UniqueIds()
        reserved = ALL_RESERVED.get(page.kind, [])[:]
        if page.kind == "phase":
            reserved += [a.get("id") or slugify(a["title"]) for a in page.fm["activities"]]
        for a in reserved:
            ids.reserve(a)
        anchors = [a for a in SAFE_RESERVED.get(page.kind, [])]
        if page.kind == "phase":
            anchors += [a.get("id") or slugify(a["title"]) for a in page.fm["activities"]]
        level = 2
        for i in range(count):
            if self.rng.random() < 0.3:
                text = self.fill(self.pick(HEADING_TOPICS))
            else:
                text = self.pick(HEADINGS)
            level = 3 if (i > 0 and level == 2 and self.rng.random() < 0.3) else 2
            hid = ids.id_for(text)
            page.headings.append((level, text))
            if hid == slugify(text):   # linkable: the plain slug of the heading text
                anchors.append(hid)
        page.anchors = anchors

    def add(self, page: Page) -> Page:
        self.pages.append(page)
        if page.kind in self.by_kind:
            self.by_kind[page.kind].append(page)
        return page

    # -- the plan ------------------------------------------------------------

    def plan(self) -> None:
        n, r = self.n, self.rng
        n_phase = max(3, round(n * 0.05))
        n_role = max(len(CORE_ROLES), round(n * 0.15))
        n_guide = max(2, round(n * 0.20))
        n_tmpl = max(2, round(n * 0.10))
        n_train = max(1, round(n * 0.05))
        fixed = 1 + 5 + 2            # front page, five typed intros, two reading guide intros
        n_free = n - (n_phase + n_role + n_guide + n_tmpl + n_train + fixed)
        if n_free < 10:
            raise SystemExit(f"--pages {n} is too small (at least 100)")
        self.orgs = ORGANISATIONS[: r.randint(3, 5)]
        self.plan_roles(n_role)
        self.plan_templates(n_tmpl)
        self.plan_phases(n_phase)
        self.plan_guides(n_guide)
        self.plan_trainings(n_train)
        self.link_activities()
        self.plan_chapters(n_free)
        self.plan_fixed()
        for p in self.pages:
            if not p.headings and p.kind not in ("rguide",):
                self.plan_headings(p, {"chapter": r.randint(2, 6), "front": 2, "intro": 1}
                                   .get(p.kind, r.randint(0, 3)))
        assert len(self.pages) == n, (len(self.pages), n)

    def weighted_roles(self, k: int, exclude=()) -> list[str]:
        """k distinct role ids, core roles far more likely than the rest."""
        out: list[str] = []
        while len(out) < k:
            rid = self.r_ids[min(int(self.rng.paretovariate(0.9)) - 1, len(self.r_ids) - 1)] \
                if self.rng.random() < 0.5 else self.pick(self.r_ids)
            if rid not in out and rid not in exclude:
                out.append(rid)
        return out

    def plan_roles(self, count: int) -> None:
        r = self.rng
        org_ids = [o[0] for o in self.orgs]
        titles: list[tuple[str, str]] = []
        for t, org in CORE_ROLES:
            titles.append((t, org if org in org_ids else org_ids[0]))
            self.titles_used.add(("role", slugify(t)))
        while len(titles) < count:
            def make():
                d = self.pick(DOMAINS)
                link = "" if d[-1] in "es" else "s"
                return f"{self.pick(ROLE_PREFIXES)} {d}{link}{self.pick(ROLE_SUFFIXES)}"
            titles.append((self.unique_title("role", make), self.pick(org_ids)))
        for i, (title, org) in enumerate(titles[:count]):
            fm = {
                "title": title,
                "organisation": org,
                "order": i + 1,
                "summary": self.summary(),
                "audiences": self.audiences(),
                "typical_holder": self.pick(HOLDERS),
                "aka": [self.fill("{D}-tovholder")] if r.random() < 0.2 else None,
                "responsibilities": [self.sentence().replace("**", "") for _ in range(r.randint(2, 5))],
            }
            self.add(Page(f"roller/{slugify(title)}.md", "role", title, fm, links=r.randint(2, 5)))
        self.r_ids = [p.id for p in self.by_kind["role"]]

    def plan_templates(self, count: int) -> None:
        r = self.rng
        for i in range(count):
            title = self.unique_title("template",
                                      lambda: f"{self.pick(TEMPLATE_TYPES)} for {self.pick(DOMAINS)}")
            ext = r.choices(["docx", "xlsx", "pptx", "pdf"], [40, 35, 15, 10])[0]
            slug = slugify(title)
            fm = {
                "title": title,
                "file": f"{slug}.{ext}",
                "workstream": self.pick(WORKSTREAMS)[0],
                "order": i + 1,
                "summary": self.summary(),
                "audiences": self.audiences(),
            }
            self.add(Page(f"skabeloner/{slug}.md", "template", title, fm, links=r.randint(1, 3)))
            self.attachments.append((f"skabeloner/{slug}.{ext}", ext, title))
        self.t_ids = [p.id for p in self.by_kind["template"]]

    def plan_phases(self, count: int) -> None:
        r = self.rng
        n_top = max(2, count // 6)
        span_total = 0
        tops: list[dict] = []
        for k in range(n_top):
            length = r.randint(6, 20)
            tops.append({"length": length})
            span_total += length
        # Every week must lie within MAX_WEEK of go-live (src/load/fields.rs):
        # with many top phases (10,000 pages), they are shortened to fit.
        budget = int(MAX_WEEK / 0.7) - 2
        if span_total > budget:
            for t in tops:
                t["length"] = max(1, t["length"] * budget // span_total)
            span_total = sum(t["length"] for t in tops)
        start = -int(span_total * 0.7)
        for k, t in enumerate(tops):
            t["from"], t["to"] = start, start + t["length"] - 1
            start += t["length"]
        # Sub-phases: spread over the top phases; ~10 % of them get a sub-phase as parent.
        plan: list[tuple[int | None, dict]] = [(None, t) for t in tops]
        subs_by_top: dict[int, list[int]] = {}
        for j in range(count - n_top):
            top = j % n_top
            parent = top
            siblings = subs_by_top.setdefault(top, [])
            if siblings and r.random() < 0.1:
                parent = self.pick(siblings)
            pf, pt = plan[parent][1]["from"], plan[parent][1]["to"]
            a = r.randint(pf, pt)
            b = r.randint(a, min(pt, a + 8))
            plan.append((parent, {"from": a, "to": b}))
            siblings.append(len(plan) - 1)
        pages: list[Page] = []
        for idx, (parent, w) in enumerate(plan):
            gerund = self.pick(GERUNDS)
            title = self.unique_title("phase", lambda: f"{gerund} af {self.pick(DOMAINS)}")
            number = idx + 1 if parent is None else None
            fm = {
                "title": title,
                "phase": number,
                "parent": None,
                "order": idx + 1,
                "weeks": {"from": w["from"], "to": w["to"]},
                "summary": self.summary(),
                "audiences": self.audiences(),
                "milestones": [
                    {"title": f"{self.pick(MILESTONES)}: {self.pick(DOMAINS)}",
                     "week": r.randint(w["from"], w["to"])}
                    for _ in range(r.randint(1, 3))
                ],
                "workstreams": sorted(r.sample([ws[0] for ws in WORKSTREAMS], r.randint(2, 5))),
                "roles": [
                    {"role": rid, "responsibility": self.sentence().replace("**", "")}
                    for rid in self.weighted_roles(r.randint(5, 10))
                ],
                "activities": [],
            }
            page = Page(f"faser/{slugify(title)}.md", "phase", title, fm, links=r.randint(2, 6))
            pages.append(page)
            self.add(page)
        for idx, (parent, w) in enumerate(plan):
            fm = pages[idx].fm
            if parent is not None:
                fm["parent"] = pages[parent].id
                top = parent
                while plan[top][0] is not None:
                    top = plan[top][0]
                fm["phase"] = top + 1
            used: set[str] = set()
            for a in range(r.randint(5, 15)):
                for _ in range(30):
                    t = f"{self.pick(ACT_VERBS)} {self.fill(self.pick(ACT_OBJECTS))}"
                    if slugify(t) not in used:
                        break
                else:
                    t = f"{t} ({a + 1})"
                act = {"title": t}
                if r.random() < 0.15:
                    act["id"] = f"opgave-{a + 1}"
                used.add(act.get("id") or slugify(t))
                act["workstream"] = self.pick(fm["workstreams"])
                if r.random() < 0.7:
                    act["week"] = r.randint(w["from"], w["to"])
                else:
                    a0 = r.randint(w["from"], w["to"])
                    act["weeks"] = {"from": a0, "to": r.randint(a0, w["to"])}
                act["category"] = r.choices(["valgfri", "obligatorisk", "kritisk"], [3, 5, 2])[0]
                if r.random() < 0.4:
                    act["task_ref"] = f"{r.randint(1, 9):04d}.{r.randint(1, 99) * 100:04d}.{r.randint(1, 9) * 100:04d}"
                act["responsible"] = self.weighted_roles(1)[0]
                if r.random() < 0.8:
                    act["involved"] = self.weighted_roles(r.randint(1, 3), exclude=[act["responsible"]])
                fm["activities"].append(act)
            # The go-live milestone lands in the top phase that holds week 0.
            if parent is None and w["from"] <= 0 <= w["to"]:
                fm["milestones"].append({"title": "Idriftsættelse", "week": 0})
        self.p_ids = [p.id for p in pages]

    def plan_guides(self, count: int) -> None:
        r = self.rng
        kinds = [("workshop", "Workshop: "), ("møde", "Møde: "), ("aktivitet", "Aktivitet: "),
                 ("vejledning", "")]
        for i in range(count):
            kind, prefix = r.choices(kinds, [30, 30, 20, 20])[0]
            title = self.unique_title(
                "guide",
                lambda: prefix + self.fill("{D}" + self.pick(GUIDE_QUAL)))
            agenda = []
            for _ in range(r.randint(4, 8)):
                item = {"minutes": r.choice([5, 10, 15, 20, 30, 45, 60]),
                        "item": self.fill(self.pick(AGENDA_ITEMS))}
                if r.random() < 0.7:
                    item["description"] = self.sentence().replace("**", "")
                if r.random() < 0.4:
                    item["materials"] = r.sample(MATERIALS, r.randint(1, 2))
                if r.random() < 0.5:
                    item["outcome"] = self.fill("Fælles forståelse af {d}")
                agenda.append(item)
            fm = {
                "title": title,
                "kind": kind if (kind != "vejledning" or r.random() < 0.5) else None,
                "workstream": self.pick(WORKSTREAMS)[0],
                "phases": r.sample(self.p_ids, min(len(self.p_ids), r.randint(1, 2))),
                "order": i + 1,
                "summary": self.summary(),
                "purpose": self.sentence().replace("**", ""),
                "audiences": self.audiences(),
                "roles": [{"role": rid, "part": self.pick(["Facilitator", "Deltager", "Ordstyrer",
                                                           "Referent", "Oplægsholder",
                                                           "Beslutningstager"])}
                          for rid in self.weighted_roles(r.randint(2, 6))],
                "location": self.pick(LOCATIONS) if kind in ("workshop", "møde") else None,
                "templates": r.sample(self.t_ids, min(len(self.t_ids), r.randint(0, 4))) or None,
                "before": [self.sentence().replace("**", "") for _ in range(r.randint(1, 3))],
                "after": [self.sentence().replace("**", "") for _ in range(r.randint(1, 3))],
                "agenda": agenda,
                "duration_minutes": sum(a["minutes"] for a in agenda) if r.random() < 0.4 else None,
            }
            self.add(Page(f"vejledninger/{slugify(title)}.md", "guide", title, fm,
                          links=r.randint(2, 6)))
        self.g_ids = [p.id for p in self.by_kind["guide"]]

    def link_activities(self) -> None:
        r = self.rng
        for p in self.by_kind["phase"]:
            for act in p.fm["activities"]:
                if r.random() < 0.3:
                    act["guide"] = self.pick(self.g_ids)
                if r.random() < 0.3:
                    act["templates"] = r.sample(self.t_ids, min(len(self.t_ids), r.randint(1, 2)))

    def plan_trainings(self, count: int) -> None:
        r = self.rng
        targets = r.sample(self.r_ids, min(count, len(self.r_ids)))
        while len(targets) < count:
            targets.append(self.pick(self.r_ids))
        role_title = {p.id: p.title for p in self.by_kind["role"]}
        for i, target in enumerate(targets):
            title = self.unique_title("training",
                                      lambda: f"Uddannelse af {role_title[target].lower()}")
            courses = []
            for _ in range(r.randint(2, 6)):
                c = {"title": self.fill(self.pick(COURSE_TITLES)),
                     "form": self.pick(COURSE_FORMS),
                     "duration": self.pick(DURATIONS) if r.random() < 0.8 else None}
                if r.random() < 0.7:
                    c["week"] = r.randint(-30, 8)
                elif r.random() < 0.8:
                    a0 = r.randint(-30, 8)
                    c["weeks"] = {"from": a0, "to": a0 + r.randint(0, 6)}
                if r.random() < 0.7:
                    c["held_by"] = self.weighted_roles(1, exclude=[target])[0]
                c["optional"] = r.random() < 0.25
                courses.append({k: v for k, v in c.items() if v is not None})
            fm = {
                "title": title,
                "target": target,
                "order": i + 1,
                "summary": self.summary(),
                "audiences": self.audiences(),
                "courses": courses,
                "self_study": [self.fill("Øvelser i {d}"), "Huskesedler"] if r.random() < 0.7 else None,
                "continuing": [self.fill("Netværksmøder om {d}")] if r.random() < 0.6 else None,
                "other_activities": [self.sentence().replace("**", "")
                                     for _ in range(r.randint(0, 3))] or None,
            }
            self.add(Page(f"uddannelsesplaner/{slugify(title)}.md", "training", title, fm,
                          links=r.randint(2, 5)))

    def chapter_fm(self, title: str, order: int, leaf: bool) -> dict:
        r = self.rng
        fm = {"title": title, "order": order, "summary": self.summary(),
              "audiences": self.audiences()}
        x = r.random()
        if leaf and x < 0.01:
            fm["status"] = "planned"
            fm["planned_for"] = "3.0"
        elif leaf and x < 0.015:
            fm["status"] = "draft"
        return fm

    def plan_chapters(self, count: int) -> None:
        r = self.rng
        remaining = count
        n_top_leaves = min(4, remaining // 20)
        singles = ["Forord", "Ordliste", "Om håndbogen", "Kontakt og support"][:n_top_leaves]
        order = 1
        for t in singles:
            self.titles_used.add(("", slugify(t)))
            self.add(Page(f"{slugify(t)}.md", "chapter", t, self.chapter_fm(t, order, False),
                          links=r.randint(3, 8)))
            order += 1
            remaining -= 1
        n_chapters = max(3, round(math.sqrt(remaining) / 1.5))
        sizes = [remaining // n_chapters] * n_chapters
        for i in range(remaining - sum(sizes)):
            sizes[i] += 1
        for size in sizes:
            self.plan_folder("", size, 1, order)
            order += 1

    def plan_folder(self, parent: str, budget: int, depth: int, order: int) -> None:
        """A chapter folder of `budget` pages: index.md, leaf sections and sub-folders."""
        r = self.rng

        def make_folder_title():
            t = self.fill(self.pick(CHAPTER_FOLDER))
            return t if not (depth == 1 and slugify(t) in RESERVED_TOP) else t + " i kommunen"
        title = self.unique_title(parent, make_folder_title)
        folder = posixpath.join(parent, slugify(title)) if parent else slugify(title)
        self.add(Page(f"{folder}/index.md", "chapter", title, self.chapter_fm(title, order, False),
                      links=r.randint(4, 12)))
        budget -= 1
        k = 1
        while budget > 0:
            if depth < 3 and budget >= 6 and r.random() < 0.22:
                size = r.randint(3, min(budget, 30 if depth == 1 else 10))
                self.plan_folder(folder, size, depth + 1, k)
                budget -= size
            else:
                t = self.unique_title(folder, lambda: self.fill(self.pick(CHAPTER_LEAF)))
                fm = self.chapter_fm(t, k, True)
                if r.random() < 0.01:
                    fm["aliases"] = [f"/arkiv/{folder}/{slugify(t)}/"]
                page = self.add(Page(f"{folder}/{slugify(t)}.md", "chapter", t, fm,
                                     links=r.randint(4, 12)))
                if fm.get("status") == "draft":
                    page.linkable = False
                if r.random() < 0.03:
                    png = f"{folder}/figur-{slugify(t)}.png"
                    self.attachments.append((png, "png", t))
                    page.body_extra = (f"![Figur: {t.lower()} – forløb og ansvar]"
                                       f"({posixpath.basename(png)})\n\n")
                budget -= 1
            k += 1

    def plan_fixed(self) -> None:
        r = self.rng
        self.add(Page("index.md", "front", "Implementeringshåndbog for Fælles Sagssystem (FSS)",
                      {"title": "Implementeringshåndbog for Fælles Sagssystem (FSS)",
                       "summary": "Håndbogen samler alt, kommunen skal vide for at implementere FSS.",
                       "audiences": [a[0] for a in AUDIENCES]}, links=12))
        intro_titles = {"faser": "Implementeringsmodellen", "roller": "Roller",
                        "vejledninger": "Vejledninger og værktøjer", "skabeloner": "Skabeloner",
                        "uddannelsesplaner": "Uddannelsesplaner"}
        for folder, title in intro_titles.items():
            self.add(Page(f"{folder}/index.md", "intro", title,
                          {"title": title, "summary": self.summary()}, links=r.randint(2, 5)))
        # Reading guide intros: one with a fixed `read:` list, one with only an introduction.
        a0, a1 = AUDIENCES[0], AUDIENCES[2]
        linkable = [p for p in self.pages if p.linkable and p.kind in SCHEME or
                    (p.kind == "chapter" and p.linkable)]
        read = []
        for p in r.sample(linkable, min(15, len(linkable))):
            read.append(f"side:{p.path_key}" if p.kind == "chapter" else f"{SCHEME[p.kind]}:{p.id}")
        self.add(Page(f"laesevejledninger/{a0[0]}.md", "rguide", f"Læsevejledning for {a0[1].lower()}",
                      {"title": f"Læsevejledning for {a0[1].lower()}", "summary": self.summary(),
                       "read": read}, links=4))
        self.add(Page(f"laesevejledninger/{a1[0]}.md", "rguide", f"Læsevejledning for {a1[1].lower()}",
                      {"title": f"Læsevejledning for {a1[1].lower()}", "summary": self.summary()},
                      links=4))

    # -- bodies --------------------------------------------------------------

    def link_to(self, src: Page) -> str:
        """One link from `src` to a random existing target, in one of the link styles."""
        r = self.rng
        style = r.random()
        text = ""
        if style < 0.6:
            kind = r.choices(["role", "phase", "guide", "template", "training"], [30, 20, 25, 15, 10])[0]
            t = self.pick(self.by_kind[kind])
            anchor = ""
            if t.anchors and r.random() < 0.25:
                anchor = "#" + self.pick(t.anchors)
            text = "" if r.random() < 0.5 else t.title.lower()
            return f"[{text}]({SCHEME[kind]}:{t.id}{anchor})"
        if style < 0.8:
            t = self.pick(self.linkable_chapters)
            anchor = "#" + self.pick(t.anchors) if t.anchors and r.random() < 0.25 else ""
            if self.free_id_count.get(t.id) == 1 and r.random() < 0.3:
                target = f"side:{t.id}"
            else:
                target = f"side:{t.path_key}"
            text = "" if r.random() < 0.5 else t.title
            return f"[{text}]({target}{anchor})"
        if style < 0.9:
            t = self.pick(self.linkable_all)
            rel = posixpath.relpath(t.rel, posixpath.dirname(src.rel) or ".")
            return f"[{t.title}]({rel})"
        if style < 0.95 and src.anchors:
            return f"[se nedenfor](#{self.pick(src.anchors)})"
        if style < 0.97:
            a = self.pick(AUDIENCES)
            return f"[læsevejledningen for {a[1].lower()}](laesevejledning:{a[0]})"
        rel, ext, title = self.pick(self.template_files)
        return f"[hent {title.lower()} ({ext})]({posixpath.relpath(rel, posixpath.dirname(src.rel) or '.')})"

    def paragraph(self, src: Page, links: list[str]) -> str:
        sents = [self.sentence() for _ in range(self.rng.randint(2, 5))]
        while links and self.rng.random() < 0.6:
            i = self.rng.randrange(len(sents))
            sents[i] = sents[i][:-1] + f" – se {links.pop()}."
        return " ".join(sents)

    def block(self, src: Page, links: list[str]) -> str:
        r = self.rng
        x = r.random()
        if x < 0.5:
            return self.paragraph(src, links)
        if x < 0.75:
            items = []
            ordered = r.random() < 0.3
            for i in range(r.randint(3, 7)):
                item = self.sentence()
                if links and r.random() < 0.4:
                    item = item[:-1] + f" ({links.pop()})."
                items.append(f"{i + 1}. {item}" if ordered else f"- {item}")
            return "\n".join(items)
        rows = ["| Uge | Opgave | Ansvarlig | Bemærkning |", "| ---: | --- | --- | --- |"]
        for _ in range(r.randint(3, 8)):
            who = f"[](rolle:{self.weighted_roles(1)[0]})" if r.random() < 0.6 else self.pick(SUBJECTS)
            note = links.pop() if links and r.random() < 0.3 else self.pick(CLAUSES)
            rows.append(f"| {r.randint(-26, 12)} | {self.fill(self.pick(ACT_OBJECTS)).capitalize()} "
                        f"| {who} | {note} |")
        return "\n".join(rows)

    def body(self, page: Page) -> str:
        links = [self.link_to(page) for _ in range(page.links)]
        parts = [page.body_extra + self.paragraph(page, links)] if page.kind != "front" else []
        if page.kind == "front":
            parts.append("Håndbogen er delt i kapitler om rammerne for implementeringen og i opslagsdele:")
            parts.append("\n".join(
                [f"- [](side:{p.path_key})" for p in self.pages
                 if p.kind == "chapter" and p.rel.count("/") <= 1 and
                 (p.rel.endswith("/index.md") or "/" not in p.rel)] +
                ["- [](fase:" + self.p_ids[0] + ")", "- [Alle roller](roller/index.md)",
                 "- [Vejledninger](vejledninger/index.md)"]))
        for level, text in page.headings:
            parts.append("#" * level + " " + text)
            for _ in range(self.rng.randint(1, 3)):
                parts.append(self.block(page, links))
        if links:
            parts.append("Se også " + ", ".join(links) + ".")
        return "\n\n".join(parts) + "\n"

    # -- writing -------------------------------------------------------------

    def write(self, root: Path) -> dict:
        """Writes handbook.yaml, every page and every attachment under `root`."""
        if root.exists():
            shutil.rmtree(root)
        (root / "content").mkdir(parents=True)
        self.linkable_chapters = [p for p in self.by_kind["chapter"] if p.linkable]
        self.linkable_all = [p for p in self.pages if p.linkable and p.kind != "rguide"]
        self.template_files = [a for a in self.attachments if a[1] != "png"]
        self.free_id_count: dict[str, int] = {}
        for p in self.by_kind["chapter"]:
            self.free_id_count[p.id] = self.free_id_count.get(p.id, 0) + 1
        (root / "handbook.yaml").write_text(self.config_yaml(), encoding="utf-8")
        md_bytes = 0
        for p in self.pages:
            path = root / "content" / p.rel
            path.parent.mkdir(parents=True, exist_ok=True)
            text = front_matter(p.fm, self.rng) + "\n" + self.body(p)
            data = text.encode("utf-8")
            md_bytes += len(data)
            path.write_bytes(data)
        att_bytes = 0
        for rel, ext, title in self.attachments:
            path = root / "content" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            write_attachment(path, ext, title, self.rng)
            att_bytes += path.stat().st_size
        return {"pages": len(self.pages), "attachments": len(self.attachments),
                "md_bytes": md_bytes, "attachment_bytes": att_bytes}

    def config_yaml(self) -> str:
        core_ids = {i: self.r_ids[i] for i in range(len(CORE_ROLES))}
        cfg = {
            "title": "Implementeringshåndbog for Fælles Sagssystem (FSS)",
            "short_title": "FSS-håndbogen",
            "publisher": "KOMBIT",
            "language": "da",
            "base_url": "https://example.org/fss/",
            "version": "2.1",
            "numbered": True,
            "go_live": {"title": "Idriftsættelsesdato"},
            "theme": "default",
            "organisations": [{"id": i, "title": t} for i, t in self.orgs],
            "workstreams": [{"id": i, "title": t, "purpose": p} for i, t, p in WORKSTREAMS],
            "audiences": [
                {k: v for k, v in {"id": i, "title": t, "description": d,
                                   "role": core_ids[c] if c is not None else None}.items()
                 if v is not None}
                for i, t, d, c in AUDIENCES
            ],
            "releases": [
                {"version": "1.0", "date": "2019-03-01", "notes": "Første udgave."},
                {"version": "1.1", "date": "2019-10-15", "notes": "Rettelser og nye skabeloner."},
                {"version": "2.0", "date": "2021-05-20", "notes": "Ny implementeringsmodel, roller og uddannelsesplaner."},
            ],
        }
        return ("# Generated by scripts/bench.py: a synthetic handbook for benchmarks.\n"
                + front_matter(cfg, random.Random(0))[4:-4])


# --------------------------------------------------------------------------
# Attachments: small real files
# --------------------------------------------------------------------------

sys.dont_write_bytecode = True   # importing must not leave __pycache__ in the repository
try:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import make_office_files as office   # the repository's own OOXML writer (stdlib only)
except Exception:  # noqa: BLE001 - any failure just means we use the fallback writer
    office = None
finally:
    sys.path.pop(0)


def _minimal_docx(path: Path, title: str, paragraphs: list[str]) -> None:
    from xml.sax.saxutils import escape
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>')
    body = "".join(f"<w:p><w:r><w:t>{escape(t)}</w:t></w:r></w:p>" for t in [title] + paragraphs)
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f'<w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in (("[Content_Types].xml", ct), ("_rels/.rels", rels), ("word/document.xml", doc)):
            info = zipfile.ZipInfo(name, date_time=(2021, 5, 20, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)


def _pdf(path: Path, title: str, lines: list[str]) -> None:
    """A one-page PDF 1.4 with Helvetica text (WinAnsi covers æ, ø, å)."""
    def esc(s: str) -> bytes:
        return s.encode("cp1252", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 18 Tf 56 780 Td (" + esc(title) + b") Tj /F1 10 Tf"
    for line in lines:
        stream += b" 0 -16 Td (" + esc(line) + b") Tj"
    stream += b" ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


def _png(path: Path, rng: random.Random) -> None:
    """A small RGB PNG: a few coloured bars, like a simple diagram."""
    w, h = 240, 120
    bars = [(rng.randint(20, 110), tuple(rng.randint(40, 230) for _ in range(3))) for _ in range(6)]
    raw = bytearray()
    for y in range(h):
        raw.append(0)
        for x in range(w):
            bar = x * len(bars) // w
            height, colour = bars[bar]
            raw += bytes(colour) if h - y <= height and x % (w // len(bars)) > 4 else b"\xff\xff\xff"

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))
    path.write_bytes(png)


def write_attachment(path: Path, ext: str, title: str, rng: random.Random) -> None:
    subject = "Skabelon til implementeringshåndbogen (benchmark)"
    cols = rng.sample(["Emne", "Ansvarlig", "Frist", "Status", "Bemærkning", "Uge", "Risiko",
                       "Sandsynlighed", "Konsekvens", "Tiltag"], 5)
    if ext == "png":
        _png(path, rng)
    elif ext == "pdf":
        _pdf(path, title, [f"{c}: ______________________________" for c in cols] * 3)
    elif office is None:
        _minimal_docx(path, title, [f"{c}:" for c in cols])
    elif ext == "docx":
        office.make_docx(path, title, subject, [
            ("p", f"Skabelonen bruges til {title.lower()}. Udfyld den sammen med projektgruppen."),
            ("h1", "Formål"), ("p", ""),
            ("table", cols, [], rng.randint(4, 10)),
            ("h1", "Næste skridt"), ("li", "Aftal opfølgning"), ("li", "Del med styregruppen"),
        ])
    elif ext == "xlsx":
        office.make_xlsx(path, title, subject, [
            {"name": "Skabelon", "title": title, "note": "Udfyld én række pr. emne.",
             "headers": cols, "empty": rng.randint(8, 30)}])
    elif ext == "pptx":
        office.make_pptx(path, title, subject, [
            (title, [subject]), ("Formål", [f"Hvorfor {title.lower()}", "Hvem deltager"]),
            ("Plan", cols)])
    else:
        raise ValueError(ext)


# --------------------------------------------------------------------------
# Peers: the same content as a Hugo site and an mdBook book
# --------------------------------------------------------------------------

TYPED_LINK = re.compile(r"\]\((rolle|fase|vejledning|skabelon|uddannelse|laesevejledning|side):([^)#\s]*)(#[^)\s]*)?\)")
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _page_index(gen: Gen) -> tuple[dict, dict]:
    """(scheme, id) -> rel for typed pages and free pages (by path and by unique id)."""
    typed = {(SCHEME[p.kind], p.id): p.rel for p in gen.pages if p.kind in SCHEME}
    free: dict[str, str] = {}
    for p in gen.by_kind["chapter"]:
        free[p.path_key] = p.rel
        if gen.free_id_count.get(p.id) == 1:
            free.setdefault(p.id, p.rel)
    return typed, free


def _target_rel(m: re.Match, typed: dict, free: dict) -> str | None:
    scheme, ident = m.group(1), m.group(2)
    if scheme == "side":
        return free.get(ident)
    if scheme == "laesevejledning":
        return f"laesevejledninger/{ident}.md"
    return typed.get((scheme, ident))


def make_hugo_site(gen: Gen, src: Path, site: Path) -> None:
    """A minimal Hugo site of the same content (folder index.md -> _index.md)."""
    typed, free = _page_index(gen)

    def url_of(rel: str) -> str:
        stem = rel[:-3]
        stem = "" if stem == "index" else stem.removesuffix("/index")
        return "/" + (stem + "/" if stem else "")

    def rewrite(m: re.Match) -> str:
        rel = _target_rel(m, typed, free)
        return f"]({url_of(rel) if rel else '/'}{m.group(3) or ''})"

    if site.exists():
        shutil.rmtree(site)
    (site / "content").mkdir(parents=True)
    for p in gen.pages:
        text = (src / "content" / p.rel).read_text(encoding="utf-8")
        text = TYPED_LINK.sub(rewrite, text)
        rel = p.rel
        if rel == "index.md" or rel.endswith("/index.md"):
            rel = rel[: -len("index.md")] + "_index.md"
        if p.fm.get("status") == "draft":
            text = text.replace("---\n", "---\ndraft: true\n", 1)
        out = site / "content" / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    for rel, _, _ in gen.attachments:
        out = site / "static" / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / "content" / rel, out)
    (site / "config.toml").write_text(
        'baseURL = "https://example.org/fss/"\nlanguageCode = "da"\n'
        'title = "Implementeringshåndbog for Fælles Sagssystem (FSS)"\n'
        'disableKinds = ["taxonomy", "term"]\nrelativeURLs = true\n'
        '[markup.goldmark.renderer]\nunsafe = false\n', encoding="utf-8")
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text(
        '<!doctype html><html lang="da"><head><meta charset="utf-8"><title>{{ .Title }} – '
        '{{ site.Title }}</title></head><body><nav>{{ range .Ancestors.Reverse }}'
        '<a href="{{ .RelPermalink }}">{{ .Title }}</a> › {{ end }}{{ .Title }}</nav>'
        '<main>{{ block "main" . }}{{ end }}</main></body></html>\n', encoding="utf-8")
    (layouts / "single.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ with .Summary }}<p>{{ . }}</p>{{ end }}'
        '<aside>{{ .TableOfContents }}</aside>{{ .Content }}'
        '<ul>{{ range .CurrentSection.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>'
        '{{ end }}\n', encoding="utf-8")
    (layouts / "list.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1><aside>{{ .TableOfContents }}</aside>{{ .Content }}'
        '<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>'
        '{{ with .Params.summary }} – {{ . }}{{ end }}</li>{{ end }}</ul>{{ end }}\n', encoding="utf-8")


def make_mdbook(gen: Gen, src: Path, book: Path) -> None:
    """An mdBook book of the same content: SUMMARY.md in folder order, front matter as `# title`."""
    typed, free = _page_index(gen)
    if book.exists():
        shutil.rmtree(book)
    (book / "src").mkdir(parents=True)
    built = [p for p in gen.pages if p.fm.get("status") != "draft"]

    for p in built:
        text = (src / "content" / p.rel).read_text(encoding="utf-8")
        m = FRONT.match(text)
        body = text[m.end():] if m else text
        here = posixpath.dirname(p.rel) or "."

        def rewrite(m: re.Match) -> str:
            rel = _target_rel(m, typed, free) or "index.md"
            if rel.startswith("laesevejledninger/") and not (src / "content" / rel).exists():
                rel = "index.md"
            return f"]({posixpath.relpath(rel, here)}{m.group(3) or ''})"
        body = TYPED_LINK.sub(rewrite, body)
        out = book / "src" / p.rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(f"# {p.title}\n\n{body}", encoding="utf-8")
    for rel, _, _ in gen.attachments:
        out = book / "src" / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / "content" / rel, out)

    # SUMMARY.md: folders nest under their index.md; siblings by `order`, then title.
    children: dict[str, list[Page]] = {}
    for p in built:
        if p.rel == "index.md":
            continue
        parent = posixpath.dirname(p.rel[: -len("/index.md")] if p.rel.endswith("/index.md") else p.rel)
        children.setdefault(parent, []).append(p)
    typed_first = list(TYPE_FOLDER.values()) + ["laesevejledninger"]

    def key(p: Page):
        top = p.rel.split("/")[0]
        return (top in typed_first, typed_first.index(top) if top in typed_first else 0,
                p.fm.get("order", 1 << 30), p.title.lower())

    def esc(t: str) -> str:
        return t.replace("[", "\\[").replace("]", "\\]")
    lines = ["# Summary", "", "[Forside](index.md)", ""]

    def walk(folder: str, depth: int) -> None:
        for p in sorted(children.get(folder, []), key=key):
            lines.append("    " * depth + f"- [{esc(p.title)}]({p.rel})")
            if p.rel.endswith("/index.md"):
                walk(p.rel[: -len("/index.md")], depth + 1)
    walk("", 0)
    # Reading guide intros live in a folder without index.md: list them on their own.
    for p in built:
        if p.kind == "rguide":
            lines.append(f"- [{esc(p.title)}]({p.rel})")
    (book / "src" / "SUMMARY.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (book / "book.toml").write_text(
        '[book]\ntitle = "Implementeringshåndbog for Fælles Sagssystem (FSS)"\nlanguage = "da"\n'
        'src = "src"\n\n[build]\ncreate-missing = false\n\n[output.html]\n', encoding="utf-8")


# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------

@dataclass
class Run:
    wall: float
    cpu: float
    maxrss_kib: int
    rc: int
    log: str


SYNC = True   # flush dirty pages before each timed run (off with --no-sync)


# How long ext4 (without a journal) avoids reusing a deleted inode whose
# inode table block is written back: RECENTCY_MIN in fs/ext4/ialloc.c.
RECENTLY_DELETED_S = 60


def forget(folder: Path) -> None:
    """Removes `folder` and waits out the file system's memory of it (not timed).

    ext4 without a journal (as on these VMs) passes over every free inode
    deleted in the last 60 s (360 s while its inode table block is not yet
    written back) when it allocates a new one, reading that block for each:
    a build that starts right after a large `rm -rf` spends most of its
    system time in `recently_deleted` (seen with `perf`: 37 % of a 1,000-page
    build). Removing each output right before the next timed build taxed
    whichever tool came next, by the other's file count. So outputs are
    removed only between sizes, written back (sync), and the next timed
    build waits out the minute."""
    if not folder.exists():
        return
    shutil.rmtree(folder, ignore_errors=True)
    os.sync()
    time.sleep(RECENTLY_DELETED_S + 5)


def measure(cmd: list[str], log: Path, cwd: Path | None = None, env: dict | None = None) -> Run:
    """Runs `cmd` as one child and reaps it with wait4: that child's own rusage.

    Unless --no-sync, os.sync() runs first (not timed), so the write-back of the
    previous run's output does not land in this run's wall time."""
    if SYNC:
        os.sync()
    with open(log, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, proc.returncode,
               log.read_text(encoding="utf-8", errors="replace"))


def gnu_time_rss(cmd: list[str], log: Path) -> int | None:
    """Max RSS in KiB as `/usr/bin/time -v` reports it, or None."""
    if not Path("/usr/bin/time").exists():
        return None
    run = measure(["/usr/bin/time", "-v"] + cmd, log)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.log)
    return int(m.group(1)) if m and run.rc == 0 else None


def tree_size(path: Path) -> tuple[int, int]:
    files = size = 0
    for dirpath, _, names in os.walk(path):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(dirpath, name))
    return files, size


@dataclass
class Result:
    tool: str
    pages: int
    source_files: int
    runs: list[Run]
    out_files: int = 0
    out_bytes: int = 0
    gnu_rss: int | None = None
    check: list[Run] = field(default_factory=list)
    engine_ms: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def min(self) -> float:
        return min(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def rss_mib(self) -> float:
        return max(r.maxrss_kib for r in self.runs) / 1024


def time_tool(tool: str, cmd: list[str], out: Path, runs: int, logs: Path, pages: int,
              source_files: int) -> Result:
    """One warm-up (under /usr/bin/time -v when present), then `runs` measured builds."""
    logs.mkdir(parents=True, exist_ok=True)
    print(f"  {tool}: warm-up", file=sys.stderr, flush=True)
    gnu = gnu_time_rss(cmd, logs / f"{tool}-warmup.log")
    if gnu is None:
        warm = measure(cmd, logs / f"{tool}-warmup.log")
        if warm.rc != 0:
            raise SystemExit(f"{tool} failed (exit {warm.rc}):\n{warm.log[-4000:]}")
    result = Result(tool, pages, source_files, [], gnu_rss=gnu)
    for i in range(runs):
        run = measure(cmd, logs / f"{tool}-{i + 1}.log")
        if run.rc != 0:
            raise SystemExit(f"{tool} run {i + 1} failed (exit {run.rc}):\n{run.log[-4000:]}")
        result.runs.append(run)
        m = re.search(r" in (\d+) ms", run.log)
        if m:
            result.engine_ms.append(float(m.group(1)))
        print(f"  {tool}: run {i + 1}/{runs}: {run.wall:.3f} s, {run.maxrss_kib / 1024:.0f} MiB",
              file=sys.stderr, flush=True)
    result.out_files, result.out_bytes = tree_size(out)
    return result


def build_binary() -> Path:
    """`cargo build --release`; retries a few times when the tree is mid-edit."""
    for attempt in range(1, 6):
        print(f"cargo build --release (attempt {attempt})", file=sys.stderr, flush=True)
        proc = subprocess.run(["cargo", "build", "--release", "--bin", "handbook"], cwd=REPO,
                              capture_output=True, text=True)
        if proc.returncode == 0:
            break
        print(proc.stderr[-3000:], file=sys.stderr)
        if attempt == 5:
            raise SystemExit("cargo build --release failed")
        time.sleep(30)
    meta = subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps"], cwd=REPO,
                          capture_output=True, text=True, check=True)
    return Path(json.loads(meta.stdout)["target_directory"]) / "release" / "handbook"


def check_handbook(binary: Path, root: Path, strict: bool) -> Run:
    """`handbook check`: any error stops the benchmark with the diagnostics."""
    run = measure([str(binary), "check", "--root", str(root)], root.parent / f"{root.name}-check.log")
    errors = [l for l in run.log.splitlines() if ": error: " in l or l.startswith("error:")]
    warnings = [l for l in run.log.splitlines() if ": warning: " in l]
    if run.rc != 0 or errors:
        sys.stderr.write(run.log[-20000:])
        raise SystemExit(f"handbook check failed on the generated handbook {root} "
                         f"(exit {run.rc}, {len(errors)} errors shown above)")
    if warnings:
        sys.stderr.write("\n".join(warnings[:50]) + "\n")
        print(f"  check: {len(warnings)} warnings on {root}", file=sys.stderr)
        if strict:
            raise SystemExit("warnings under --strict")
    return run


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def fmt_mib(b: float) -> str:
    return f"{b / 1048576:.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, nargs="+", default=[1000, 10000],
                    help="handbook sizes in markdown pages (default: 1000 10000)")
    ap.add_argument("--runs", type=int, default=5,
                    help="measured runs per size after one warm-up (default: 5)")
    ap.add_argument("--binary", type=Path, help="use this handbook binary; skip cargo build")
    ap.add_argument("--keep", type=Path, help="work in DIR and keep it (default: a temp dir, removed)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    ap.add_argument("--peers", action="store_true", help="also time hugo and mdbook when on PATH")
    ap.add_argument("--strict", action="store_true", help="fail when check reports warnings")
    ap.add_argument("--no-sync", action="store_true",
                    help="do not call sync before each timed run (faster, noisier on slow disks)")
    ap.add_argument("--shared", action="store_true",
                    help="pair handbook with Hugo on the shared corpus (../shared/bench)")
    ap.add_argument("--shared-dir", type=Path,
                    help="the shared benchmark folder (gen_corpus.py, build.sh)")
    ap.add_argument("--generate-only", action="store_true",
                    help="write the handbooks (and peer sites with --peers) and stop")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    global SYNC
    SYNC = not args.no_sync

    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    if work == REPO or REPO in work.parents:
        raise SystemExit("--keep must be outside the repository")
    work.mkdir(parents=True, exist_ok=True)
    print(f"working in {work}", file=sys.stderr)
    try:
        if args.shared:
            run_shared(args, work)
        else:
            run_all(args, work)
    finally:
        if not args.keep and not args.generate_only:
            shutil.rmtree(work, ignore_errors=True)


def run_all(args, work: Path) -> None:
    binary = None
    if not args.generate_only:
        binary = args.binary.resolve() if args.binary else build_binary()
        if not binary.exists():
            raise SystemExit(f"no binary at {binary}")
    peers = {}
    if args.peers:
        for tool in ("hugo", "mdbook"):
            path = shutil.which(tool)
            if path:
                peers[tool] = path
            else:
                print(f"peer {tool}: not on PATH, skipped", file=sys.stderr)
    results: list[Result] = []
    gen_stats = {}
    for n in sorted(args.pages):
        root = work / f"h{n}"
        print(f"generating {n} pages in {root}", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        gen = Gen(n, args.seed)
        gen.plan()
        stats = gen.write(root)
        stats["seconds"] = time.perf_counter() - t0
        gen_stats[n] = stats
        print(f"  {stats['pages']} pages, {stats['attachments']} attachments, "
              f"{fmt_mib(stats['md_bytes'])} MiB markdown, generated in {stats['seconds']:.1f} s",
              file=sys.stderr, flush=True)
        if "hugo" in peers or (args.peers and args.generate_only):
            make_hugo_site(gen, root, work / f"hugo{n}")
        if "mdbook" in peers or (args.peers and args.generate_only):
            make_mdbook(gen, root, work / f"mdbook{n}")
        if args.generate_only:
            continue
        source_files = stats["pages"] + stats["attachments"]
        print("  handbook check", file=sys.stderr, flush=True)
        check_handbook(binary, root, args.strict)
        res = time_tool("handbook", [str(binary), "build", "--root", str(root), "--out",
                                     str(root / "public")],
                        root / "public", args.runs, work / "logs" / str(n), n, source_files)
        for i in range(args.runs):
            res.check.append(measure([str(binary), "check", "--root", str(root)],
                                     work / "logs" / str(n) / f"check-{i + 1}.log"))
        results.append(res)
        if "hugo" in peers:
            site = work / f"hugo{n}"
            results.append(time_tool("hugo", [peers["hugo"], "--source", str(site), "--destination",
                                              str(site / "public"), "--quiet"],
                                     site / "public", args.runs, work / "logs" / str(n), n,
                                     source_files))
        if "mdbook" in peers:
            book = work / f"mdbook{n}"
            results.append(time_tool("mdbook", [peers["mdbook"], "build", str(book), "--dest-dir",
                                                str(book / "book")],
                                     book / "book", args.runs, work / "logs" / str(n), n,
                                     source_files))
    if args.generate_only:
        print(f"generated into {work}")
        return
    report(results, args, binary, gen_stats, peers)


def report(results: list[Result], args, binary: Path, gen_stats: dict, peers: dict) -> None:
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
    # Read-only: which source the binary was built from (others may be editing the tree).
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                          text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                           capture_output=True, text=True).stdout.strip()
    if head and not args.binary:
        version += f" (commit {head}{', with uncommitted changes' if dirty else ''})"
    print(f"\n## handbook build benchmark\n")
    print(f"{version}; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}; seed {args.seed}; "
          f"median and min of {args.runs} runs after one warm-up; peak RSS = max over the runs "
          f"(wait4 ru_maxrss){'' if SYNC else '; no sync between runs'}.\n")
    print("| tool | pages | source files | source MiB | output files | output MiB "
          "| median s | min s | CPU s | peak RSS MiB | ms/page | check s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        st = gen_stats[r.pages]
        check = f"{statistics.median(c.wall for c in r.check):.3f}" if r.check else "–"
        print(f"| {r.tool} | {r.pages:,} | {r.source_files:,} | "
              f"{fmt_mib(st['md_bytes'] + st['attachment_bytes'])} | {r.out_files:,} | "
              f"{fmt_mib(r.out_bytes)} | {r.median:.3f} | {r.min:.3f} | {r.cpu:.3f} | "
              f"{r.rss_mib:.0f} | {1000 * r.median / r.pages:.2f} | {check} |")
    print()
    for r in results:
        if r.gnu_rss:
            print(f"- {r.tool} {r.pages:,}: `/usr/bin/time -v` max RSS of the warm-up run "
                  f"{r.gnu_rss / 1024:.0f} MiB (cross-check of the wait4 figure)")
        if r.engine_ms:
            print(f"- {r.tool} {r.pages:,}: the engine's own timing (load → write) median "
                  f"{statistics.median(r.engine_ms):.0f} ms; check (no write) median "
                  f"{statistics.median(c.wall for c in r.check):.3f} s "
                  f"(min {min(c.wall for c in r.check):.3f}, max {max(c.wall for c in r.check):.3f}), "
                  f"so writing ≈ "
                  f"{r.median - statistics.median(c.wall for c in r.check):.3f} s")
    own = sorted((r for r in results if r.tool == "handbook"), key=lambda r: r.pages)
    if len(own) >= 2:
        a, b = own[0], own[-1]
        k = math.log(b.median / a.median) / math.log(b.pages / a.pages)
        ka = math.log(statistics.median(c.wall for c in b.check) /
                      statistics.median(c.wall for c in a.check)) / math.log(b.pages / a.pages)
        print(f"\n### Growth\n\nTime per page: {1000 * a.median / a.pages:.2f} ms at {a.pages:,} pages, "
              f"{1000 * b.median / b.pages:.2f} ms at {b.pages:,} pages "
              f"(×{b.pages / a.pages:.0f} pages took ×{b.median / a.median:.1f} time; "
              f"t ~ N^{k:.2f} for build, N^{ka:.2f} for check).")
        if max(k, ka) > 1.3:
            print(f"\n**Warning: superlinear growth (N^{k:.2f}).** Compare the check column "
                  f"(load, resolve, render) with the build column (adds writing) to see the stage.")
        else:
            print("Growth is linear or close to it (no sign of quadratic behaviour).")
    if peers:
        print("\n### Peers\n")
        for r in results:
            if r.tool != "handbook":
                base = next(x for x in own if x.pages == r.pages)
                print(f"- {r.pages:,} pages: {r.tool} {r.median:.3f} s vs handbook {base.median:.3f} s "
                      f"(handbook/{r.tool} = {base.median / r.median:.2f}×)")
    elif args.peers:
        print("\nPeers: neither hugo nor mdbook is on PATH; skipped.")


# --------------------------------------------------------------------------
# The shared corpus: handbook paired with Hugo
# --------------------------------------------------------------------------

def shared_dir(args) -> Path:
    """The shared benchmark folder: --shared-dir, or `shared/bench` beside the repository."""
    if args.shared_dir:
        return args.shared_dir.resolve()
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / "bench" / "build.sh").exists():
            return base / "shared" / "bench"
    raise SystemExit("no shared/bench beside the repository; pass --shared-dir")


def files_state(out: Path) -> dict[str, tuple[int, int]]:
    """Every output file's (inode, mtime in ns), the marker left out."""
    state = {}
    for dirpath, _, names in os.walk(out):
        for name in names:
            path = os.path.join(dirpath, name)
            if name == ".handbook-output" and dirpath == str(out):
                continue
            st = os.lstat(path)
            state[os.path.relpath(path, out)] = (st.st_ino, st.st_mtime_ns)
    return state


def pairs_table(rows: list[tuple[str, list[Run], list[Run]]]) -> None:
    """One line per comparison: medians of each side and the median of the pair ratios."""
    print("| pages | comparison | handbook wall s | other wall s | wall ratio | handbook CPU s "
          "| other CPU s | CPU ratio | handbook peak MiB | other peak MiB | memory ratio |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, mine, theirs in rows:
        med = statistics.median
        ratio = lambda f: med(f(a) / f(b) for a, b in zip(mine, theirs))  # noqa: E731
        wall, cpu, rss = (lambda r: r.wall), (lambda r: r.cpu), (lambda r: r.maxrss_kib)
        print(f"| {label} | {med(map(wall, mine)):.3f} | {med(map(wall, theirs)):.3f} | "
              f"**{ratio(wall):.2f}×** | {med(map(cpu, mine)):.2f} | {med(map(cpu, theirs)):.2f} | "
              f"{ratio(cpu):.2f}× | {max(map(rss, mine)) / 1024:.0f} | "
              f"{max(map(rss, theirs)) / 1024:.0f} | **{ratio(rss):.2f}×** |")


def run_shared(args, work: Path) -> None:
    bench_dir = shared_dir(args)
    binary = args.binary.resolve() if args.binary else build_binary()
    hugo = shutil.which("hugo")
    if not hugo:
        print("hugo is not on PATH: only handbook's rebuild is measured", file=sys.stderr)
    corpus, outs, logs = work / "corpus", work / "out", work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, CORPUS=str(corpus), BENCH_OUT=str(outs), HANDBOOK=str(binary))
    build_sh = str(bench_dir / "build.sh")
    rows, timings = [], {}
    for n in sorted(args.pages):
        print(f"generating the shared corpus, {n} pages", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, str(bench_dir / "gen_corpus.py"), str(n),
                        str(corpus / f"n{n}"), "--only", "hugo,handbook"], check=True,
                       stdout=subprocess.DEVNULL)

        def clean(tool: str, i: int) -> Run:
            """One clean build by build.sh into a new folder of its own. Outputs
            stay until the timed runs of this size are done (see `forget`)."""
            run = measure(["sh", build_sh, tool, str(n)], logs / f"{tool}-{n}-{i}.log", env=env)
            if run.rc != 0:
                raise SystemExit(f"{tool} failed on {n} pages:\n{run.log[-3000:]}")
            return run

        forget(outs)

        mine, theirs = [], []
        for i in range(args.runs + 1):  # the first pair warms the caches and is dropped
            a = clean("handbook", i)
            b = clean("hugo", i) if hugo else None
            print(f"  {n} pages, pair {i}: handbook {a.wall:.3f} s {a.maxrss_kib / 1024:.0f} MiB"
                  + (f", Hugo {b.wall:.3f} s {b.maxrss_kib / 1024:.0f} MiB" if b else ""),
                  file=sys.stderr, flush=True)
            if i:
                mine.append(a)
                if b:
                    theirs.append(b)
        if hugo:
            rows.append((f"{n:,} | clean build vs Hugo", mine, theirs))

        # An unchanged rebuild into the same folder, paired with a clean build.
        src = corpus / f"n{n}" / "handbook"
        kept = work / "kept"  # outside BENCH_OUT, which every clean build empties
        shutil.rmtree(kept, ignore_errors=True)
        cmd = [str(binary), "build", "--root", str(src), "--out", str(kept)]
        first = measure(cmd, logs / f"first-{n}.log")
        if first.rc != 0:
            raise SystemExit(first.log[-3000:])
        before = files_state(kept)
        again, fresh = [], []
        for i in range(args.runs):
            again.append(measure(cmd, logs / f"again-{n}-{i}.log"))
            fresh.append(clean("handbook", 100 + i))
        if files_state(kept) != before:
            raise SystemExit(f"an unchanged rebuild of {n} pages changed output files")
        rows.append((f"{n:,} | unchanged rebuild vs clean build", again, fresh))
        shutil.rmtree(kept, ignore_errors=True)
        forget(outs)
        timed = subprocess.run([str(binary), "build", "--root", str(src), "--out",
                                str(outs / "timed"), "--timings"], capture_output=True, text=True)
        timings[n] = timed.stdout.strip()
        forget(outs)

    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
    hugo_version = (subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip()
                    if hugo else "no Hugo")
    load = os.getloadavg()
    print(f"\n## handbook and Hugo on the shared corpus\n")
    print(f"{version}; {hugo_version}; {os.cpu_count()} CPUs; load average "
          f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the end; {args.runs} pairs after one "
          f"warm-up pair, alternating; ratios are medians of the pair ratios; peak memory is "
          f"wait4's ru_maxrss of the whole process.\n")
    pairs_table(rows)
    for n, text in timings.items():
        print(f"\n`handbook build --timings`, {n:,} pages (one run):\n\n```\n{text}\n```")
    print("\nThe unchanged rebuild kept every output file's inode and modification time.")


if __name__ == "__main__":
    main()
