import pytest
from click.testing import CliRunner

from dateline import learn
from dateline.cli import main
from dateline.errors import ConfigError


def test_learn_every_task_has_the_interface():
    for task in learn.TASKS:
        module = learn.task_module(task)
        assert module.TRAINING_FILES and callable(module.train)
        for name in module.TRAINING_FILES:
            assert learn.data_path(name).is_file()


def test_learn_shipped_models_record_their_training_files():
    for task in learn.TASKS:
        model = learn.load_model(task)
        assert model["task"] == task
        assert set(model["training_files"]) == {learn.file_key(n) for n in learn.task_module(task).TRAINING_FILES}


def test_learn_unknown_task_is_a_config_error():
    with pytest.raises(ConfigError, match="E500"):
        learn.task_module("nope")


def _retrained_as_shipped(monkeypatch, task="eventness", **changes):
    shipped = learn.load_model(task)
    model = {k: v for k, v in shipped.items() if k not in ("task", "seed", "training_files")}
    monkeypatch.setattr(learn.task_module(task), "train", lambda seed=0: {**model, **changes})


def test_learn_check_passes_when_retraining_gives_the_shipped_model(monkeypatch):
    _retrained_as_shipped(monkeypatch)
    assert learn.check("eventness") == []


def test_learn_check_reports_a_changed_training_file(monkeypatch):
    _retrained_as_shipped(monkeypatch)
    monkeypatch.setattr(learn, "sha256", lambda name: "0" * 64)
    problems = learn.check("eventness")
    assert problems and all("sha256" in p or "training_files" in p for p in problems)


def test_learn_check_reports_different_weights(monkeypatch):
    shipped = learn.load_model("eventness")
    _retrained_as_shipped(monkeypatch, bias=[b + 0.5 for b in shipped["bias"]])
    assert any(p.startswith("model.bias[0]") for p in learn.check("eventness"))


def test_cli_train_check_exits_1_with_the_differences(monkeypatch):
    monkeypatch.setattr(learn, "check", lambda task: ["model.bias[0]: shipped 0.1, retrained 0.2"])
    result = CliRunner().invoke(main, ["train", "--check"])
    assert result.exit_code == 1
    assert "model.bias[0]" in result.output and "differs from its training data" in result.output


def test_cli_train_needs_a_task_or_check():
    assert CliRunner().invoke(main, ["train"]).exit_code == 2


@pytest.mark.slow
def test_learn_check_the_shipped_models_equal_their_retraining():
    for task in learn.TASKS:
        assert learn.check(task) == [], f"run 'dateline train {task}'"
