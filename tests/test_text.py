"""Arabic text: normalisation, tokens and sentences that keep offsets, boilerplate lines."""

from __future__ import annotations

from khabar.ingest.document import Article
from khabar.ingest.text import analyse, is_boilerplate, normalize, tokenize


def test_normalize_folds_alef_yeh_teh_marbuta_diacritics_and_tatweel() -> None:
    assert normalize("إسماعيل") == normalize("اسماعيل")
    assert normalize("آل") == "ال"
    assert normalize("مصطفى") == "مصطفي"
    assert normalize("الحكومة") == "الحكومه"
    assert normalize("إنّ") == "ان"
    assert normalize("لـ") == "ل"
    assert normalize("مسؤول") == "مسوول"
    assert normalize("٢٠٢٠") == "2020"


def test_tokens_point_at_their_original_characters() -> None:
    text = 'وقال إنّ عناصره "غير مسؤولة" عن العملية، لـ"حفريات".'
    tokens = tokenize(text)
    assert [t.text for t in tokens][:4] == ["وقال", "إنّ", "عناصره", '"']
    for t in tokens:
        assert text[t.start : t.end] == t.text
    assert "لـ" in [t.text for t in tokens]


def test_sentences_keep_offsets_and_mark_read_also_lines() -> None:
    body = ("زار الوزير بغداد أمس. والتقى رئيس الوزراء.\n\n"
            "اقرأ أيضاً: إيران تحاول التغطية على جرائمها في دير الزور\n\n"
            "وقال المتحدث إن المحادثات مستمرة")
    doc = analyse(Article(id="t", title="عنوان الخبر", body=body))
    texts = [doc.text[s.start : s.end] for s in doc.sentences]
    assert texts == ["عنوان الخبر", "زار الوزير بغداد أمس.", "والتقى رئيس الوزراء.",
                     "اقرأ أيضاً: إيران تحاول التغطية على جرائمها في دير الزور",
                     "وقال المتحدث إن المحادثات مستمرة"]
    assert [s.boilerplate for s in doc.sentences] == [False, False, False, True, False]
    for s in doc.sentences:
        for t in doc.tokens[s.token_start : s.token_end]:
            assert s.start <= t.start < t.end <= s.end
            assert doc.text[t.start : t.end] == t.text


def test_footer_lines_are_boilerplate_but_news_is_not() -> None:
    assert is_boilerplate("لإرسال مقال للنشر اضغط هنا")
    assert is_boilerplate("جميع الحقوق محفوظة © 2023")
    assert is_boilerplate("إقرأ ايضاً: عنوان آخر")
    assert not is_boilerplate("قال وزير الخارجية إن الحكومة لن تقبل أي تدخل في شؤونها")
