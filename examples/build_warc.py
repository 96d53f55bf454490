"""Write invented-crawl.warc.gz: two invented HTML pages as WARC response records.

Run: python examples/build_warc.py   (needs warcio, installed with dateline)
"""
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGES = [
    (
        "https://example.invalid/2024/03/05/invented-bridge",
        "2024-03-05T10:00:00Z",
        "Invented: Bridge near Zaporizhzhia damaged",
        [
            "A road bridge near Zaporizhzhia was damaged by a missile strike on Tuesday, the regional military administration said.",
            "No one was hurt, officials said, but traffic to the south of the region was diverted for at least three days.",
        ],
    ),
    (
        "https://example.invalid/2024/03/06/invented-arrests",
        "2024-03-06T15:45:00Z",
        "Invented: Two suspects detained in Dnipro",
        [
            "Ukraine's security service said on Wednesday it had detained two men in Dnipro suspected of passing the positions of air defence units to Russian intelligence.",
            "The men face up to 12 years in prison if convicted, the service said in a statement.",
        ],
    ),
]


def page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode("utf-8")


def main() -> None:
    out = Path(__file__).with_name("invented-crawl.warc.gz")
    with out.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, date, title, paragraphs in PAGES:
            html = page(title, paragraphs)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=BytesIO(html), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": date})
            writer.write_record(record)
    print(out)


if __name__ == "__main__":
    main()
