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


def test_time_folds_validate_on_consecutive_periods_inside_the_training_rows():
    dates = pd.to_datetime(["2016-03-01", "2016-09-01", "2017-03-01", "2017-09-01",
                            "2018-03-01"])
    folds = predict.time_folds(dates, ["2017-01-01", "2018-01-01"], horizon_days=200)
    assert [(t.tolist(), v.tolist()) for t, v in folds] == [([0], [2, 3]), ([0, 1, 2], [4])]


def test_a_row_on_the_cutoff_is_never_in_train_and_test():
    dates = pd.to_datetime(["2019-01-01", "2019-02-01"])
    [(train, test)] = predict.time_split(dates, "2019-02-01")
    assert train.tolist() == [0] and test.tolist() == [1]


def _fraction_correct(y_true, y_pred):
    return float(np.mean(y_true == y_pred))


def test_bootstrap_interval_covers_the_true_accuracy_about_95_times_in_100():
    rng = np.random.default_rng(11)
    true_accuracy, rows, covered = 0.7, 300, []
    for repeat in range(300):
        y = rng.integers(0, 2, rows)
        right = rng.random(rows) < true_accuracy
        prediction = np.where(right, y, 1 - y)
        interval = predict.bootstrap_interval(y, prediction, _fraction_correct, n=300, seed=repeat)
        covered.append(interval.low <= true_accuracy <= interval.high)
    assert 0.91 <= np.mean(covered) <= 0.98, np.mean(covered)
    assert interval.metric == "_fraction_correct"


def test_bootstrap_interval_of_the_auc_covers_the_true_auc():
    from scipy.stats import norm
    rng = np.random.default_rng(12)
    shift, covered, widths = 1.0, [], []
    true_auc = norm.cdf(shift / np.sqrt(2))  # two unit normals, one shifted
    for repeat in range(60):
        y = rng.integers(0, 2, 400)
        score = rng.normal(size=400) + shift * y
        interval = predict.bootstrap_interval(y, score, "roc_auc", n=200, seed=repeat)
        covered.append(interval.low <= true_auc <= interval.high)
        widths.append(interval.high - interval.low)
    assert np.mean(covered) >= 0.88, np.mean(covered)
    assert 0.05 < np.mean(widths) < 0.15  # about 4 standard errors of an AUC on 400 rows


def test_the_fast_auc_equals_scikit_learns():
    from sklearn.metrics import roc_auc_score
    rng = np.random.default_rng(13)
    y = rng.integers(0, 2, 500)
    score = np.round(rng.normal(size=500) + y, 1)  # with ties
    interval = predict.bootstrap_interval(y, score, "roc_auc", n=10)
    assert interval.estimate == pytest.approx(roc_auc_score(y, score))


def test_bootstrap_interval_rejects_what_it_cannot_score():
    with pytest.raises(ValueError, match="unknown metric 'f1'"):
        predict.bootstrap_interval([0, 1], [0, 1], "f1")
    with pytest.raises(ValueError, match="same, non-zero number of rows"):
        predict.bootstrap_interval([0, 1, 1], [0, 1], "accuracy")


def test_choose_on_the_training_rows_then_score_the_winner_once():
    X, y = signal_data(n=800, seed=4)
    noisy = np.random.default_rng(4).random(len(y)) < 0.2  # a fifth of the labels are noise
    y = np.where(noisy, np.random.default_rng(5).permutation(y), y)
    [(train, test)] = predict.holdout_split(y, test_size=0.25)
    table = predict.compare_models(X.iloc[train], y[train], cv=3)
    model = predict.best_model(table, X.iloc[train], y[train])
    result = predict.held_out_score(model, X.iloc[test], y[test], n=300)
    assert model.name == table.index[0] != predict.BASELINE
    assert result.estimate == pytest.approx((model.predict(X.iloc[test]) == y[test]).mean())
    assert result.low < result.estimate < result.high and result.rows == len(test)
    assert str(result).startswith(f"accuracy {result.estimate:.3f} (95% interval")
