from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsgraph.errors import BinaryInput, EmptyInput
from newsgraph.sources import Failure, Input, read_bytes, read_paths, sniff_kind
from newsgraph.sources.decode import decode

from .conftest import ARTICLE_HTML, SCRAPED_TEXT

WESTERN = "Zoë said “déjà vu” — it cost 5 € at the café in Curaçao."


def only(items: list[Input | Failure]) -> Input:
    assert len(items) == 1 and isinstance(items[0], Input), items
    return items[0]


def test_utf8_with_bom() -> None:
    decoded = decode(b"\xef\xbb\xbf" + WESTERN.encode())
    assert (decoded.text, decoded.encoding, decoded.lossy) == (WESTERN, "utf-8", False)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom(codec: str) -> None:
    assert decode(WESTERN.encode(codec)).text == WESTERN


def test_windows_1252_without_declaration_has_no_mojibake() -> None:
    assert decode((WESTERN + "\n").encode("cp1252") * 3).text == (WESTERN + "\n") * 3


def test_declared_latin1_is_read_as_windows_1252() -> None:
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>{WESTERN}</p></body></html>'
    assert WESTERN in decode(page.encode("cp1252")).text


def test_declared_charset_wins() -> None:
    page = '<html><head><meta charset="koi8-r"></head><body>Привет, мир</body></html>'
    assert "Привет, мир" in decode(page.encode("koi8-r")).text


def test_utf8_declared_as_latin1_is_still_utf8() -> None:
    page = '<meta charset="iso-8859-1"><p>Zoë at the café, déjà vu</p>'.encode()
    assert "Zoë at the café, déjà vu" in decode(page).text


def test_a_lying_declaration_falls_back_to_the_bytes() -> None:
    page = f'<meta charset="utf-8"><p>{WESTERN}</p>\n'.encode("cp1252") * 3
    assert WESTERN in decode(page).text


def test_truncated_utf8_keeps_everything_before_the_cut() -> None:
    data = "Crème brûlée for everyone".encode()[:-1] + "é".encode()[:1]
    decoded = decode(data)
    assert decoded.text == "Crème brûlée for everyon\ufffd"
    assert decoded.lossy and "replaced" in decoded.note


def test_undecodable_bytes_are_replaced_not_fatal() -> None:
    decoded = decode(b"Plain text \x81\x8d\x8f with odd bytes " * 5)
    assert decoded.text.startswith("Plain text ")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "PNG"),
        (b"PK\x03\x04" + b"\x00" * 40, "ZIP"),
        (b"abc\x00\x01\x02\x03\xff\xfe" * 50, "NUL"),
    ],
)
def test_binary_is_refused_with_its_kind(data: bytes, what: str) -> None:
    with pytest.raises(BinaryInput, match=what):
        decode(data)


def test_white_space_only_is_empty() -> None:
    with pytest.raises(EmptyInput):
        decode(b" \n\t \n")


def test_kind_comes_from_content_not_extension(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(ARTICLE_HTML)
    (tmp_path / "notes.html").write_text(SCRAPED_TEXT)
    kinds = {
        Path(i.source).name: i.kind for i in read_paths([str(tmp_path)]) if isinstance(i, Input)
    }
    assert kinds == {"page.txt": "html", "notes.html": "text"}


def test_html_fragment_without_html_tag_is_html() -> None:
    assert sniff_kind("Intro line\n" + "<p>para</p><div>x</div>" * 5) == "html"
    assert sniff_kind("He wrote a < b and c > d in the text.") == "text"


def test_gzip_is_read_transparently(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(ARTICLE_HTML.encode()))
    item = only(list(read_paths([str(path)])))
    assert item.kind == "html" and "Ferry workers" in item.content


def test_broken_gzip_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(ARTICLE_HTML.encode())[:40])
    [item] = list(read_paths([str(path)]))
    assert isinstance(item, Failure) and item.kind == "malformed"


def test_folder_is_recursive_and_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for name in ["b.txt", "sub/a.txt", "sub/deeper/c.txt", ".git/x.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"Title {name}\n\nBody of {name}.")
    sources = [i.source for i in read_paths([str(tmp_path)])]
    assert [s.rsplit("/", 1)[-1] for s in sources] == ["b.txt", "a.txt", "c.txt"]


def test_glob(tmp_path: Path) -> None:
    for name in ["one.html", "two.html", "three.txt"]:
        (tmp_path / name).write_text(ARTICLE_HTML)
    items = list(read_paths([str(tmp_path / "*.html")]))
    assert len(items) == 2 and all(isinstance(i, Input) for i in items)


def test_a_path_naming_nothing_is_a_failure(tmp_path: Path) -> None:
    [item] = list(read_paths([str(tmp_path / "missing-*.html")]))
    assert isinstance(item, Failure) and item.kind == "not_found"


def test_jsonl_records_of_each_kind() -> None:
    lines = [
        {"html": ARTICLE_HTML, "url": "https://x.example/a"},
        {"text": SCRAPED_TEXT, "id": "keep-me"},
        {
            "body": "Exact body.\n\nSecond paragraph.",
            "title": "T",
            "authors": ["A B"],
            "desk": "metro",
        },
    ]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    items = [i for i in read_bytes(data, "file:x.jsonl") if isinstance(i, Input)]
    assert [i.kind for i in items] == ["html", "text", "body"]
    assert [i.source for i in items] == [
        "file:x.jsonl#url=https://x.example/a",
        "file:x.jsonl#id=keep-me",
        "file:x.jsonl#3",
    ]
    assert items[0].url == "https://x.example/a" and items[1].id == "keep-me"
    assert items[2].meta == {"title": "T", "authors": ["A B"], "desk": "metro"}


def test_jsonl_broken_line_loses_nothing_else() -> None:
    data = (
        b'{"body": "one", "title": "1"}\n{"body": "two", "tit\n\n{"body": "three"}\n[1]\n{"x": 1}\n'
    )
    items = list(read_bytes(data, "f"))
    assert [type(i).__name__ for i in items] == ["Input", "Failure", "Input", "Failure", "Failure"]
    failures = [i for i in items if isinstance(i, Failure)]
    assert failures[0].source == "f#2" and "not valid JSON" in failures[0].message
    assert "JSON object" in failures[1].message and "html, text, body" in failures[2].message


def test_json_array_dump() -> None:
    data = json.dumps([{"body": "a"}, {"body": "b"}], indent=2).encode()
    assert [i.content for i in read_bytes(data, "f") if isinstance(i, Input)] == ["a", "b"]


def test_text_starting_with_a_bracket_is_not_json() -> None:
    item = only(list(read_bytes(b"[Updated] Storm closes roads\n\nRoads closed today.", "f")))
    assert item.kind == "text"


def test_same_bytes_same_digest_and_different_bytes_differ() -> None:
    one = only(list(read_bytes(b"Title\n\nBody one.", "a")))
    two = only(list(read_bytes(b"Title\n\nBody one.", "b")))
    three = only(list(read_bytes(b"Title\n\nBody two.", "a")))
    assert one.digest == two.digest != three.digest
