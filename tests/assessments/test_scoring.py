"""Marking every question type, its edge cases, and properties that hold for any answer."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments import scoring
from assessments.scoring import AnswerKey, Region, normalise_answer, parse_number, score_response

CHOICE = AnswerKey(kind="single", options=("a", "b", "c"), correct=frozenset({"b"}))
MULTI = AnswerKey(kind="multiple", options=("a", "b", "c", "d"), correct=frozenset({"a", "c"}))


def test_single_choice():
    assert score_response(CHOICE, "b") == scoring.Mark(1.0, True)
    assert score_response(CHOICE, "a") == scoring.Mark(0.0, False)
    assert score_response(CHOICE, None) == scoring.Mark(0.0, False)


def test_image_choice_scores_like_single_choice():
    key = AnswerKey(kind="image_choice", options=("x", "y"), correct=frozenset({"y"}))
    assert score_response(key, "y").correct and not score_response(key, "x").correct


def test_true_false_both_ways():
    true_key = AnswerKey(kind="true_false", options=("true", "false"), answer_true=True)
    false_key = AnswerKey(kind="true_false", options=("true", "false"), answer_true=False)
    assert score_response(true_key, "true").correct and not score_response(true_key, "false").correct
    assert score_response(false_key, "false").correct and not score_response(false_key, "true").correct


def test_multiple_response_partial_credit_and_penalty():
    assert score_response(MULTI, ["a", "c"]) == scoring.Mark(1.0, True)
    assert score_response(MULTI, ["a"]) == scoring.Mark(0.5, False)
    assert score_response(MULTI, ["a", "b"]) == scoring.Mark(0.0, False)  # one right, one wrong
    assert score_response(MULTI, ["a", "b", "c", "d"]).score == 0.0  # ticking everything earns nothing
    assert score_response(MULTI, ["b", "d"]).score == 0.0  # never below zero
    assert score_response(MULTI, []) == scoring.Mark(0.0, False)


def test_ordering_counts_steps_in_place():
    key = AnswerKey(kind="ordering", options=("1", "2", "3", "4"))
    assert score_response(key, ["1", "2", "3", "4"]).correct
    assert score_response(key, ["2", "1", "3", "4"]) == scoring.Mark(0.5, False)
    assert score_response(key, ["1", "2", "3"]).score == 0.0  # a step missing: no credit


def test_matching_counts_right_pairs():
    key = AnswerKey(kind="matching", options=("p", "q", "r"))
    assert score_response(key, {"p": "p", "q": "q", "r": "r"}).correct
    assert score_response(key, {"p": "q", "q": "p", "r": "r"}).score == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    "typed",
    ["微信", "微 信", "微信。", "  微信！", "ＷｅＣｈａｔ", "wechat", "We-Chat", "WECHAT.", "weChat\u3000"],
)
def test_short_answer_ignores_spaces_punctuation_case_and_width(typed):
    key = AnswerKey(kind="short_answer", accepted_texts=("微信", "WeChat"))
    assert score_response(key, typed).correct


def test_short_answer_refuses_other_text_and_empty_punctuation():
    key = AnswerKey(kind="short_answer", accepted_texts=("微信",))
    assert not score_response(key, "支付宝").correct
    assert not score_response(key, "。。。").correct


@pytest.mark.parametrize("typed", ["96110", "９６１１０", "96 110", "96,110", "96110。"])
def test_short_answer_numbers_as_typed_by_a_phone(typed):
    key = AnswerKey(kind="short_answer", accepted_numbers=((96110.0, 0.0),))
    assert score_response(key, typed).correct


def test_short_answer_number_tolerance():
    key = AnswerKey(kind="short_answer", accepted_numbers=((5.0, 0.5),))
    assert score_response(key, "5.4").correct and score_response(key, "4.5").correct
    assert not score_response(key, "5.6").correct and not score_response(key, "five").correct


def test_parse_number_refuses_nonsense():
    assert parse_number("abc") is None and parse_number("nan") is None and parse_number("inf") is None
    assert parse_number("１２．５") == 12.5


def test_normalise_answer():
    assert normalise_answer("“显示和亮度”。") == normalise_answer("显示 和 亮度") == "显示和亮度"


def test_hotspot_regions():
    key = AnswerKey(
        kind="hotspot",
        regions=(
            Region(id="call", shape="circle", x=100, y=100, radius=20, correct=True),
            Region(id="keys", shape="rect", x=0, y=0, width=90, height=90, correct=False),
        ),
    )
    assert score_response(key, [110, 105]).correct  # inside the circle
    assert score_response(key, [120, 100]).correct  # on its edge
    assert not score_response(key, [50, 50]).correct  # a wrong region
    assert not score_response(key, [300, 300]).correct  # nothing there
    assert scoring.region_at(key, 50, 50).id == "keys"
    assert scoring.region_at(key, 300, 300) is None


def test_overlapping_regions_prefer_the_right_one():
    key = AnswerKey(
        kind="hotspot",
        regions=(
            Region(id="big", shape="rect", x=0, y=0, width=200, height=200, correct=False),
            Region(id="button", shape="circle", x=100, y=100, radius=10, correct=True),
        ),
    )
    assert score_response(key, [100, 100]).correct


def test_practical_skill_counts_only_when_signed_off():
    key = AnswerKey(kind="practical")
    assert score_response(key, "signed-off").correct
    assert not score_response(key, None).correct


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError):
        score_response(AnswerKey(kind="essay"), "text")


def test_attempt_score_is_the_mean():
    assert scoring.attempt_score([scoring.Mark(1, True), scoring.Mark(0.5, False)]) == 0.75
    assert scoring.attempt_score([]) == 0.0


# Properties ------------------------------------------------------------------------------------

option_ids = st.lists(st.text(min_size=1, max_size=4), min_size=1, max_size=8, unique=True)


@st.composite
def multiple_response(draw):
    options = draw(option_ids)
    correct = draw(st.sets(st.sampled_from(options), min_size=1))
    response = draw(st.lists(st.sampled_from(options), unique=True))
    return AnswerKey(kind="multiple", options=tuple(options), correct=frozenset(correct)), response


@settings(database=None)  # no .hypothesis folder in the work tree
@given(multiple_response(), st.randoms())
def test_multiple_response_score_does_not_depend_on_order(case, rnd):
    key, response = case
    shuffled = list(response)
    rnd.shuffle(shuffled)
    assert score_response(key, response) == score_response(key, shuffled)


@st.composite
def any_question_and_answer(draw):
    kind = draw(
        st.sampled_from(["single", "multiple", "true_false", "ordering", "matching", "short_answer", "hotspot"])
    )
    options = draw(option_ids)
    if kind == "single":
        return AnswerKey(kind=kind, options=tuple(options), correct=frozenset({options[0]})), draw(
            st.sampled_from(options)
        )
    if kind == "multiple":
        key, response = draw(multiple_response())
        return key, response
    if kind == "true_false":
        return AnswerKey(kind=kind, answer_true=draw(st.booleans())), draw(st.sampled_from(["true", "false"]))
    if kind == "ordering":
        return AnswerKey(kind=kind, options=tuple(options)), draw(st.permutations(options))
    if kind == "matching":
        return AnswerKey(kind=kind, options=tuple(options)), {item: draw(st.sampled_from(options)) for item in options}
    if kind == "short_answer":
        return AnswerKey(kind=kind, accepted_texts=tuple(options), accepted_numbers=((1.0, 0.5),)), draw(st.text())
    regions = tuple(
        Region(
            id=str(i),
            shape=draw(st.sampled_from(["rect", "circle"])),
            x=draw(st.integers(0, 500)),
            y=draw(st.integers(0, 500)),
            width=draw(st.integers(1, 200)),
            height=draw(st.integers(1, 200)),
            radius=draw(st.integers(1, 100)),
            correct=draw(st.booleans()),
        )
        for i in range(draw(st.integers(1, 4)))
    )
    point = [draw(st.floats(0, 720)), draw(st.floats(0, 900))]
    return AnswerKey(kind=kind, regions=regions), point


@settings(database=None, max_examples=300)
@given(any_question_and_answer())
def test_every_score_is_between_zero_and_one(case):
    key, response = case
    mark = score_response(key, response)
    assert 0.0 <= mark.score <= 1.0
    assert mark.correct == (mark.score == 1.0)
