from iop.model.three_valued import Outcome, conjunction


def test_one_failing_part_fails_the_whole():
    assert conjunction([Outcome.met, Outcome.unknown, Outcome.not_met]) == Outcome.not_met


def test_unknown_part_leaves_the_whole_unknown():
    assert conjunction([Outcome.met, Outcome.partly, Outcome.unknown]) == Outcome.unknown


def test_partial_part_makes_the_whole_partial():
    assert conjunction([Outcome.met, Outcome.partly]) == Outcome.partly


def test_empty_conjunction_is_met():
    assert conjunction([]) == Outcome.met
