"""The safety net under the NLU model: danger-now phrases always count as immediate danger."""
import pytest

from bot.danger import sounds_like_immediate_danger


@pytest.mark.parametrize("text", [
    "little girl left in a hot car", "the baby is not breathing", "mum is unconscious and the kids are alone",
    "dad has a knife", "the house is on fire", "he is being hit right now", "child in danger now",
    "right now she is home alone at 2am", "The toddler's mother has overdosed",
])
def test_danger_now_is_recognised(text):
    assert sounds_like_immediate_danger(text)


@pytest.mark.parametrize("text", [
    "no, he's not in danger", "not in immediate danger right now", "he comes to school hungry",
    "she was left alone last summer", "fire safety visit was missed", "", "skip",
])
def test_ordinary_or_negated_answers_are_left_to_the_model(text):
    assert not sounds_like_immediate_danger(text)
