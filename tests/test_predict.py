import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier

from aimkit import predict


def signal_data(n=600, seed=0):
    """Three classes from two informative columns, plus a noise column and a text column."""
    rng = np.random.default_rng(seed)
    X = pd.DataFrame({
        "gap_days": rng.normal(300, 120, n),
        "party": rng.integers(1, 6, n).astype(float),
        "noise": rng.normal(size=n),
        "country": rng.choice(["BE", "NL"], n),
    })
    X.loc[rng.random(n) < 0.1, "gap_days"] = np.nan  # missing values must be handled
    label = np.where(X["gap_days"].fillna(300) < 200, "soon",
                     np.where(X["gap_days"].fillna(300) < 350, "year", "later"))
    return X, label


def test_every_model_learns_a_known_signal_on_the_same_splits():
    X, y = signal_data()
    table = predict.compare_models(X, y, cv=3)
    assert set(predict.default_models()) | {predict.BASELINE} == set(table.index)
    assert table.columns.tolist() == ["mean", "std", "split_1", "split_2", "split_3"]
    assert table.loc["XGBoost", "mean"] > 0.85
    assert table.loc["random forest", "mean"] > 0.85
    majority = pd.Series(y).value_counts(normalize=True).max()
    assert table.loc[predict.BASELINE, "mean"] == pytest.approx(majority, abs=0.02)
    assert table["mean"].is_monotonic_decreasing


def test_shuffled_labels_score_at_chance():
    X, y = signal_data(n=600, seed=1)
    shuffled = np.random.default_rng(5).permutation(y)
    table = predict.compare_models(X, shuffled, cv=3)
    majority = pd.Series(shuffled).value_counts(normalize=True).max()
    real = predict.compare_models(X, y, cv=3)
    for model in predict.default_models():
        # no model may beat "always say the commonest label" on labels with no signal left
        assert table.loc[model, "mean"] <= majority + 0.03, model
        assert real.loc[model, "mean"] > table.loc[model, "mean"] + 0.3, model


def test_preprocessing_is_fitted_on_the_training_rows_only():
    X = pd.DataFrame({"x": [1.0, 2.0, 3.0, 1000.0]})
    pipeline = predict.make_pipeline(LogisticRegression()).fit(X.iloc[:3], [0, 0, 1])
    scaler = pipeline.named_steps["prep"].named_transformers_["num"].named_steps["scale"]
    assert scaler.mean_[0] == pytest.approx(2.0)  # the held-out 1000 did not move the mean


def test_unknown_text_value_in_the_test_fold_does_not_crash():
    X = pd.DataFrame({"x": [0.0, 1.0, 0.0, 1.0], "shop": ["a", "a", "b", "b"]})
    pipeline = predict.make_pipeline(LogisticRegression()).fit(X, [0, 1, 0, 1])
    assert pipeline.predict(pd.DataFrame({"x": [1.0], "shop": ["new"]})).tolist() == [1]


def test_best_model_refits_the_winner():
    X, y = signal_data()
    models = {"tree": DecisionTreeClassifier(max_depth=3, random_state=0),
              "logistic regression": LogisticRegression(max_iter=500)}
    table = predict.compare_models(X, y, models, cv=3)
    model = predict.best_model(table, X, y, models)
    assert model.name == table.index[0]
    assert (model.predict(X) == y).mean() > 0.8


def test_holdout_split_is_the_same_for_every_call_and_stratified():
    y = np.array([0] * 80 + [1] * 20)
    [(train, test)] = predict.holdout_split(y, test_size=0.25)
    [(train2, test2)] = predict.holdout_split(y, test_size=0.25)
    assert np.array_equal(test, test2) and np.array_equal(train, train2)
    assert len(test) == 25 and y[test].sum() == 5
    assert not set(train) & set(test)


def test_time_split_leaves_out_rows_whose_label_was_not_known_yet():
    dates = pd.to_datetime(["2018-01-01", "2018-10-01", "2019-01-01", "2019-06-01"])
    [(train, test)] = predict.time_split(dates, "2019-01-01", horizon_days=100)
    assert train.tolist() == [0] and test.tolist() == [2, 3]


def test_confusion_table_counts_and_percentages():
    table = predict.confusion_table(["x", "x", "x", "y"], ["x", "y", "x", "y"], labels=["x", "y"])
    assert table.loc["actual: x", "predicted: x"] == 2
    assert table.loc["actual: x", "predicted: y"] == 1
    assert table.loc["actual: x", "% correct"] == pytest.approx(66.7)
    assert table.loc["actual: y", "% correct"] == 100.0


def test_feature_importance_ranks_the_signal_first_and_the_noise_near_zero():
    X, y = signal_data()
    model = predict.make_pipeline(LogisticRegression(max_iter=1000)).fit(X, y)
    table = predict.feature_importance(model, X, y)
    assert table.index[0] == "gap_days"
    assert abs(table.loc["noise", "importance"]) < 0.02


def test_explain_linear_adds_up_to_the_log_odds_difference():
    rng = np.random.default_rng(3)
    X = pd.DataFrame({"a": rng.normal(size=200), "b": rng.choice(["u", "v", "w"], 200)})
    y = (X["a"] + (X["b"] == "w") + rng.normal(scale=0.5, size=200)) > 0.5
    model = predict.make_pipeline(LogisticRegression()).fit(X, y)
    parts = predict.explain_linear(model, X.head(5), X)
    assert parts.columns.tolist() == ["a", "b"]
    linear = model.named_steps["model"]
    centre = model.named_steps["prep"].transform(X).mean(axis=0)
    log_odds = model.decision_function(X.head(5))
    expected = log_odds - (centre @ linear.coef_[0] + linear.intercept_[0])
    np.testing.assert_allclose(parts.sum(axis=1), expected, atol=1e-9)
