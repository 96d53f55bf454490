import importlib.util
import json

from .conftest import ROOT


def test_bench_throughput_reports_the_contract_keys(shared, nlp, capsys):
    spec = importlib.util.spec_from_file_location("throughput", ROOT / "bench" / "throughput.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.main(["--limit", "6", "--repeat", "1", "--ingest-repeat", "1", "--json"])
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {"articles_per_s", "words_per_s", "bare_articles_per_s", "ratio", "peak_rss_mb"} <= set(result)
    assert result["articles"] == 6 and result["ratio"] > 0
    assert result["ingest_ratio"] > 0 and result["ingest_cpu_ratio"] > 0 and result["ingest_peak_rss_mb"] > 0
    assert result["cpu_ratio"] > 0
    per_article = ("store_ms_per_article", "event_index_ms_per_article", "fusion_ms_per_article")
    assert all(result[key] > 0 for key in per_article)
    assert set(result["fusion_step_ms_per_article"]) == {"copies", "events", "contradictions"}


def test_bench_ingest_sample_holds_the_articles_lines(shared, tmp_path):
    spec = importlib.util.spec_from_file_location("throughput", ROOT / "bench" / "throughput.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    articles = bench.load_articles(bench.DEFAULT_CORPUS, 5)
    bench.write_sample(bench.DEFAULT_CORPUS, articles, tmp_path / "sample.jsonl")
    lines = (tmp_path / "sample.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [a.id for a in articles]


def test_bench_export_fill_reads_every_format_back(tmp_path, nlp, capsys):
    from dateline.export import ACLED_COLUMNS, FORMATS, GDELT_EVENT_COLUMNS
    from dateline.ingest import ingest
    from dateline.read import read_paths
    from dateline.store import Store

    from .conftest import EXAMPLES

    with Store(tmp_path / "ex.duckdb") as store:
        ingest(read_paths([EXAMPLES]), store)
    spec = importlib.util.spec_from_file_location("export_fill", ROOT / "bench" / "export_fill.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.main(["--db", str(tmp_path / "ex.duckdb"), "--json"])
    results = {r["format"]: r for r in map(json.loads, capsys.readouterr().out.strip().splitlines())}
    assert set(results) == set(FORMATS) and not any("error" in r for r in results.values())
    events, acled = results["gdelt-events"]["tables"][""], results["acled"]["tables"][""]
    assert list(events["fill"]) == GDELT_EVENT_COLUMNS and list(acled["fill"]) == ACLED_COLUMNS
    assert events["rows"] == results["gdelt-events"]["written"] > 0
    # every event has an id and a CAMEO code; no ACLED row lacks its type or country
    assert events["fill"]["GLOBALEVENTID"] == events["fill"]["EventCode"] == 1.0
    assert acled["fill"]["event_type"] == acled["fill"]["country"] == 1.0
    assert results["parquet"]["written"] == len(results["parquet"]["tables"])


def test_bench_startup_reports_its_keys(nlp, capsys):
    spec = importlib.util.spec_from_file_location("startup", ROOT / "bench" / "startup.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.main(["--repeat", "1", "--json"])
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert set(result) == {"bare_s", "extract_s", "import_cli_s", "startup_ratio", "startup_cpu_ratio"}
    assert result["startup_ratio"] == round(result["extract_s"] / result["bare_s"], 4) > 0
