import pytest

from accessibility.text import normalise_typed_text


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("李奶奶。", "李奶奶"),
        ("  王　小明  ", "王 小明"),
        ("ＡＢＣ１２３", "ABC123"),
        ("张三，", "张三"),
        ("Hello world.", "Hello world"),
        ("你好，世界", "你好，世界"),  # punctuation inside the text stays
    ],
)
def test_voice_input_is_normalised(typed, expected):
    assert normalise_typed_text(typed) == expected


@pytest.mark.django_db
def test_profile_and_sign_in_accept_voice_input(learner_client, learner, client):
    learner_client.post("/accounts/profile/", {"display_name": "李奶奶。"})
    learner.learner_profile.refresh_from_db()
    assert learner.learner_profile.display_name == "李奶奶"
    response = client.post("/accounts/login/", {"login": "１３８ ０００ ０００１。", "password": "learner-demo-2026"})
    assert response.status_code == 302
