"""The default recognizer: people, organisations and places from the project's own
gazetteers and patterns, offline. Longest match wins; each mention keeps the rule
or list that found it and a score."""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Document, Mention, Token
from .clitics import original_offset, stems
from .gazetteer import Gazetteer, KnownEntity, gazetteer
from .rules import ABD, NAME_LINKS, STRONG_TITLE_KINDS, Lexicons, lexicons

QUOTES_OPEN = {'"', "«", "“", "'"}
QUOTES_CLOSE = {'"', "»", "”", "'"}
COMMA = {"،", ","}
ROLE_QUALIFIERS = {"السابق", "الاسبق", "بالوكاله", "الحالي", "المنتهيه", "ولايته", "المكلف", "المستقيل"}
MAX_NAME_TOKENS = 5
SONSHIP = {"بن", "ابن", "بنت"}


@dataclass
class Candidate:
    start: int  # token indexes, end exclusive
    end: int
    type: str
    score: float
    rule: str
    known: KnownEntity | None = None
    skip: int = 0  # letters of clitics before the name in the first token
    restore_al: bool = False  # "للعراق": the name is read as "العراق"
    kind: str = ""  # what a head word says the place is: City, Governorate, Facility...

    @property
    def length(self) -> int:
        return self.end - self.start


class RuleRecognizer:
    """Gazetteer lookup with clitic splitting, then patterns around titles and heads."""

    name = "rules"

    def __init__(self, gaz: Gazetteer | None = None, lex: Lexicons | None = None) -> None:
        self.gaz = gaz or gazetteer()
        self.lex = lex or lexicons()

    def __call__(self, doc: Document) -> Document:
        doc.mentions = []
        for sentence in doc.sentences:
            if sentence.boilerplate:
                continue
            tokens = doc.tokens[sentence.token_start : sentence.token_end]
            for cand in select(self.candidates(tokens)):
                doc.mentions.append(to_mention(doc, cand, sentence.token_start, sentence.index))
        return doc

    # candidates -------------------------------------------------------------------
    def candidates(self, tokens: list[Token]) -> list[Candidate]:
        found = [c for i in range(len(tokens)) for c in self._known_at(tokens, i)]
        for i in range(len(tokens)):
            found.extend(self._headed_at(tokens, i, found))
            found.extend(self._outlet_at(tokens, i))
        covered = {}  # where an organisation or place named from a token ends
        for c in found:
            if c.type != "PER" and covered.get(c.start, -1) < c.end:
                covered[c.start] = c.end
        # "فيصل بن [سلمان بن عبد العزيز]": a listed name after بن is its father's, inside a longer one
        found = [c for c in found if not (c.type == "PER" and c.start > 0 and tokens[c.start - 1].norm in SONSHIP)]
        people = [c for i in range(len(tokens)) for c in self._person_at(tokens, i, covered)]
        listed = [c for c in found if c.type == "PER" and c.known is not None]
        # a pattern never stretches a listed name with the words after it ("بوتين ونظيره"); a given
        # name before a listed family name is someone else of that family ("مهند الزيدي")
        found.extend(p for p in people if not any(
            p.start <= k.start and k.end <= p.end and p.length > k.length
            and not (k.rule == "list:surname" and p.start < k.start) for k in listed))
        return found

    def _known_at(self, tokens: list[Token], i: int) -> list[Candidate]:
        out = []
        for form, removed, restored in stems(tokens[i].norm):
            key: tuple[str, ...] = (form,)
            j = i + 1
            while True:
                known = self.gaz.lookup(key)
                if known is not None and not (known.source == "geonames" and self._function_word(tokens[i])):
                    score = 0.95 if known.source == "curated" else 0.9 if known.source == "cldr" else 0.75
                    out.append(Candidate(i, j, known.type, score, f"list:{known.source}", known, removed, restored))
                if j >= len(tokens):
                    break
                longer = key + (tokens[j].norm,)
                if longer not in self.gaz.prefixes and self.gaz.lookup(longer) is None:
                    break
                key, j = key + (tokens[j].norm,), j + 1
            for length in (2, 1):
                key = (form, *(t.norm for t in tokens[i + 1 : i + length]))
                if (len(key) == length and key in self.gaz.surnames and not self.lex.is_title_word(form)
                        and not (length == 1 and self._ordinary(tokens[i]))):
                    # a family name several listed people share is a person still, just not which one
                    surname = self.gaz.surnames[key]
                    out.append(Candidate(i, i + length, "PER", 0.7 if surname else 0.6, "list:surname", surname,
                                         removed, restored))
                    break
        return out

    def _headed_at(self, tokens: list[Token], i: int, known: list[Candidate]) -> list[Candidate]:
        """"كتائب حزب الله", "تحالف "الفتح"", "منفذ عرعر الحدودي" (a head and a name), or
        "الخارجية الأميركية" (a head and a nationality: a description of one body)."""
        for form, removed, restored in stems(tokens[i].norm):
            if self.lex.is_title_word(form):
                return []  # "اللواء الحمداني" is a general, not a brigade
            bare = form[2:] if form.startswith("ال") else form
            if bare in self.lex.org_heads or form in self.lex.org_heads:
                kind = "ORG"
            elif bare in self.lex.place_heads or form in self.lex.place_heads:
                kind = "LOC"
            else:
                continue
            end, proper, qualified = self._continuation(tokens, i + 1, known, kind, form.startswith("ال"))
            if end == i + 1 or not (proper or (qualified and kind == "ORG")):
                return []  # "وزارة الخارجية" alone: which country's? not a name to merge on
            # a head before a name of its own ("حركة حماس", "مدينة مشهد") is apart from the name
            apart = kind == "LOC" or tokens[i + 1].norm in QUOTES_OPEN or any(
                c.start == i + 1 and c.skip == 0 and c.type != "PER" for c in known)
            rule = f"pattern:{kind.lower()}-{('head' if apart else 'name') if proper else 'description'}"
            place_kind = self.lex.place_heads.get(bare) or self.lex.place_heads.get(form, "")
            inner = next((c for c in known if c.end == end and c.known and c.type == "LOC" and c.start > i
                          and all(t.norm.startswith("ال") for t in tokens[i + 1 : c.start])), None)
            if kind == "ORG" and bare in self.lex.org_types:
                quoted = tokens[i + 1].norm in QUOTES_OPEN
                first, last = (i + 2, end - 1) if quoted else (i + 1, end)
                if any(c.start == first and c.end == last and c.known and c.type == "ORG" for c in known):
                    return []  # "حركة «حماس»" is Hamas: the listed name stands on its own
            if kind == "LOC" and inner is None and (bare in self.lex.town_heads or form in self.lex.town_heads):
                town = self.gaz.town(tuple(t.norm for t in tokens[i + 1 : end]))
                if town is not None:  # "بلدة سروج": a town the lists know only after its head word
                    return [Candidate(i + 1, end, "LOC", 0.8, "list:geonames-town", town, kind="City")]
            if kind == "LOC" and inner is not None and (place_kind == "City" or inner.known.kind == "Country"):
                # "مدينة إدلب", "العاصمة المؤقتة عدن": the city itself, named with its head word;
                # a head before a country ("ناحية إيران", "مقاطعة إسرائيل") never makes a new place
                return []
            return [Candidate(i, end, kind, 0.7 if proper else 0.6, rule, None, removed, restored, place_kind)]
        return []

    def _outlet_at(self, tokens: list[Token], i: int) -> list[Candidate]:
        """The outlet a source spoke to: "قال لـ«الشرق الأوسط»", "لـ"حفريات"": a quoted name
        right after the preposition لـ."""
        if tokens[i].norm != "ل" or i + 2 >= len(tokens) or tokens[i + 1].norm not in QUOTES_OPEN:
            return []
        close = next((k for k in range(i + 2, min(len(tokens), i + 7)) if tokens[k].norm in QUOTES_CLOSE), None)
        if close is None or close == i + 2:
            return []
        return [Candidate(i + 2, close, "ORG", 0.65, "pattern:outlet")]

    def _continuation(self, tokens: list[Token], j: int, known: list[Candidate], kind: str,
                      definite_head: bool) -> tuple[int, bool, bool]:
        """Where a head's genitive continuation ends, whether it holds a proper name, and
        whether a nationality qualifies it. A person after a head is not part of it
        ("حكومة حيدر العبادي")."""
        start, lex = j, self.lex
        proper = qualified = False
        while j < len(tokens) and j - start < MAX_NAME_TOKENS:
            norm = tokens[j].norm
            inner = max((c.end for c in known if c.start == j and c.skip == 0 and c.type != "PER"), default=0)
            if inner:  # a known name continues the head: "كتائب" + "حزب الله"
                j, proper = inner, True
                continue
            if lex.is_title_word(norm):
                break  # "الجيش العميد يحيى رسول": a title starts a person, not more of the name
            if norm in QUOTES_OPEN and j == start:
                close = next((k for k in range(j + 1, min(len(tokens), j + 7)) if tokens[k].norm in QUOTES_CLOSE),
                             None)
                return (close + 1, True, False) if close and close > j + 1 else (start, False, False)
            if norm.startswith("ال") and len(norm) > 3 and norm not in lex.stopwords:
                if norm in lex.nationalities:
                    qualified = True
                elif norm not in lex.common and norm not in lex.vocabulary:
                    proper = True
                j += 1
                continue
            if (kind == "LOC" and j == start and not definite_head and lex.is_name_word(norm)
                    and not self._prefixed(norm, True) and norm not in lex.vocabulary):
                j, proper = j + 1, True  # "منفذ عرعر", "مدينة الموصل"
                continue
            break
        if definite_head and not proper and not qualified:
            return start, False, False
        return j, proper, qualified

    def _person_at(self, tokens: list[Token], i: int, covered: dict[int, int]) -> list[Candidate]:
        """A name after a title ("الجنرال قاآني"), a name before ", title", or a given name
        with its family name ("حسن التميمي")."""
        out = []
        title_end, _ = self._title_at(tokens, i)
        if title_end:
            j = self._skip_role(tokens, title_end, covered)
            # a rank or honorific right before the name ("الجنرال قاآني") is enough
            # evidence for a one-word name; a role ("وزير الطاقة، ...") needs a fuller one
            end = self._name_end(tokens, j, strong=j > 0 and self._strong_title(tokens[j - 1]), titled=True,
                                 covered=covered)
            if end > j:
                out.append(Candidate(j, end, "PER", 0.75, "pattern:title"))
        end = self._name_end(tokens, i, strong=False, covered=covered)
        # a name may open with a given name or with عبد, the first half of one ("عبد الكريم الزيدي")
        opens = self._is_given(tokens[i]) or tokens[i].norm == ABD
        if end > i and end - i >= 2 and opens and tokens[i].norm not in self.lex.vocabulary:
            out.append(Candidate(i, end, "PER", 0.65, "pattern:given-name"))
        elif (self._is_given(tokens[i]) and tokens[i].norm not in self.lex.vocabulary and tokens[i].norm != "علي"
              and not (i > 0 and self._is_given(tokens[i - 1]))):
            out.append(Candidate(i, i + 1, "PER", 0.5, "pattern:given-name-alone"))
        # "غضنفر البطيخ، القيادي": two name words and a comma before a title
        if (i + 3 < len(tokens) and self.lex.is_name_word(tokens[i].norm) and not self._prefixed(tokens[i].norm, True)
                and tokens[i].norm not in self.lex.vocabulary and self.lex.is_surname(tokens[i + 1].norm)
                and tokens[i + 2].norm in COMMA and self._title_at(tokens, i + 3)[0]):
            out.append(Candidate(i, i + 2, "PER", 0.7, "pattern:apposition"))
        return out

    def _title_at(self, tokens: list[Token], i: int) -> tuple[int, str]:
        best = (0, "")
        for form, _, _ in stems(tokens[i].norm):
            key: tuple[str, ...] = (form,)
            for j in range(i + 1, min(len(tokens), i + self.lex.longest_title) + 1):
                kind = self.lex.titles.get(key)
                if kind and j > best[0]:
                    best = (j, kind)
                if j < len(tokens):
                    key = key + (tokens[j].norm,)
        return best

    def _strong_title(self, token: Token) -> bool:
        return any(self.lex.titles.get((form,)) in STRONG_TITLE_KINDS for form, _, _ in stems(token.norm))

    def _skip_role(self, tokens: list[Token], j: int, covered: dict[int, int]) -> int:
        """Past what completes a title before the name: nationality, qualifiers, the body
        it heads ("قائد فيلق القدس"), another title ("الجنرال") and commas."""
        for _ in range(8):
            if j >= len(tokens):
                break
            norm = tokens[j].norm
            if norm in self.lex.nationalities or norm in ROLE_QUALIFIERS or norm in COMMA:
                j += 1
            elif j in covered and covered[j] > j:
                j = covered[j]
            elif (title_end := self._title_at(tokens, j)[0]) and title_end > j:
                j = title_end
            else:
                break
        return j

    @staticmethod
    def _prefixed(norm: str, first: bool) -> bool:
        """A word the lexicons do not know, carrying the article or a clitic: a noun or an
        adjective ("المخلوع", "وتعيين", "والمخرج"), not part of a name."""
        if norm.startswith(("وال", "بال", "فال", "لل", "كال", "و")):
            return True
        return first and norm.startswith(("ال", "ب", "ل", "ف"))

    def _ordinary(self, token: Token) -> bool:
        """A word that, with or without its clitics, is an ordinary word ("بأول" is ب + أول)."""
        lex = self.lex
        return any(form in lex.vocabulary or form in lex.stopwords for form, removed, _ in stems(token.norm) if removed)

    def _function_word(self, token: Token) -> bool:
        """A preposition, conjunction or particle, with or without its clitics ("وأنّ")."""
        return any(form in self.lex.stopwords for form, _, _ in stems(token.norm))

    def _linked(self, token: Token) -> bool:
        """What may follow بن، عبد، أبو: a name word, or a word of the Arabic compounds ("الله")."""
        return token.norm.isalpha() and token.norm not in self.lex.stopwords and not self._inflected(token)

    @staticmethod
    def _inflected(token: Token) -> bool:
        """Case endings written out (tanween: "حليفاً موثوقاً") mark adjectives and nouns, never names."""
        return any(mark in token.text for mark in "\u064b\u064c\u064d")

    def _is_given(self, token: Token) -> bool:
        if token.norm == "علي" and token.text.endswith("ى"):
            return False  # the preposition على, not the name علي
        return token.norm in self.lex.given_names

    def _name_end(self, tokens: list[Token], j: int, strong: bool, titled: bool = False,
                  covered: dict[int, int] | None = None) -> int:
        """Where a personal name starting at j ends (j itself when there is none).

        Given names, links (بن، عبد، أبو) and one "ال" family name make a name, which the
        family name ends. Words the lexicons do not know may stand in it (one, or two right
        after a title: "الرئيس الفرنسي جاك شيراك"). Without a strong title before it, a
        name needs two words, one of them a given name or a family name unless a title
        stands before it."""
        lex, start, unknown, evidence = self.lex, j, 0, 0
        covered = covered or {}
        ali = self._ali_preposition(tokens, start)
        while j < len(tokens) and j - start < MAX_NAME_TOKENS:
            token = tokens[j]
            if token.norm in NAME_LINKS and j + 1 < len(tokens) and self._linked(tokens[j + 1]):
                j, evidence = j + 2, evidence + 1
            elif self._is_given(token) and not (ali and j == start):
                j, evidence = j + 1, evidence + 1
            elif (j > start or strong) and not unknown and lex.is_surname(token.norm) and not ali:
                j, evidence = j + 1, evidence + 1
                break  # the family name ends the name
            elif j > start and j in covered:
                break  # a listed place or body after a name is not part of it ("محمد بخاري تشاد")
            elif (unknown < (2 if titled else 1) and lex.is_name_word(token.norm) and not ali
                  and not self._inflected(token) and not self._prefixed(token.norm, j == start)
                  and not any(form in lex.vocabulary and len(form) >= 4 for form, _, _ in stems(token.norm))):
                j, unknown = j + 1, unknown + 1
            else:
                break
        length = j - start
        if length == 0:
            return start
        if strong:
            return j
        return j if length >= 2 and (evidence >= 1 or titled) else start

    def _ali_preposition(self, tokens: list[Token], start: int) -> bool:
        """"علي الصعيد": the preposition على, often written with ي, before a definite noun."""
        if start >= len(tokens) or tokens[start].norm != "علي" or start + 1 >= len(tokens):
            return False
        titled = start > 0 and self._title_at(tokens, start - 1)[0] == start
        return not titled and tokens[start + 1].norm.startswith("ال")


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest match wins, then the higher score; chosen spans never overlap."""
    chosen: list[Candidate] = []
    taken: set[int] = set()
    for cand in sorted(candidates, key=lambda c: (-c.length, -c.score, c.start)):
        span = set(range(cand.start, cand.end))
        if not span & taken:
            chosen.append(cand)
            taken |= span
    return sorted(chosen, key=lambda c: c.start)


def to_mention(doc: Document, cand: Candidate, offset: int, sentence: int) -> Mention:
    first, last = doc.tokens[offset + cand.start], doc.tokens[offset + cand.end - 1]
    start = first.start + original_offset(first.text, cand.skip)
    text = doc.text[start : last.end]
    if cand.restore_al:
        text = "ا" + text
    return Mention(start=start, end=last.end, text=text, type=cand.type, score=cand.score, rule=cand.rule,
                   sentence=sentence, token_start=offset + cand.start, token_end=offset + cand.end,
                   entity=cand.known.key if cand.known else None, kind=cand.kind)
