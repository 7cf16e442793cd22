"""Rule filters: where a dbt-score rule does not apply to this project, and why."""

from dbt_score import Macro, rule_filter


@rule_filter
def is_not_dbt_expectations_test(macro: Macro) -> bool:
    """Macros not named after a dbt-expectations test.

    Our expectation tests keep dbt-expectations' names as their interface (so YAML written for that package
    works unchanged), including the one mixed-case name, expect_column_pair_values_A_to_be_greater_than_B.
    """
    return not macro.name.startswith("test_expect_")
