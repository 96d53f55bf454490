import importlib.util
import json

from .conftest import ROOT


def test_bench_throughput_reports_the_contract_keys(shared, nlp, capsys):
    spec = importlib.util.spec_from_file_location("throughput", ROOT / "bench" / "throughput.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.main(["--limit", "6", "--repeat", "1", "--json"])
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {"articles_per_s", "words_per_s", "bare_articles_per_s", "ratio", "peak_rss_mb"} <= set(result)
    assert result["articles"] == 6 and result["ratio"] > 0
