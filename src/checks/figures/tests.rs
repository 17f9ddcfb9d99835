//! Unit tests of the figures check, through the built-in `figures/unsourced-figure` rule.

use crate::engine::{Engine, Selection};
use crate::markup::Format;

fn engine() -> Engine {
    let rules = crate::ruleset::builtin()
        .into_iter()
        .filter(|r| r.family() == "figures")
        .collect();
    Engine::new(rules, &Selection::default(), &Default::default())
        .unwrap_or_else(|e| panic!("{}", e[0].message))
}

/// `(rule, flagged text)` of every finding on `text`.
fn flags(text: &str) -> Vec<(String, String)> {
    let engine = engine();
    engine
        .findings(text, Format::Plain)
        .into_iter()
        .map(|(r, f)| (engine.rules[r].id.clone(), text[f.span.range()].to_string()))
        .collect()
}

fn flagged(text: &str) -> Vec<String> {
    flags(text).into_iter().map(|(_, t)| t).collect()
}

#[test]
fn classes_are_found_with_their_spans() {
    assert_eq!(flagged("Prices rose 8 per cent in a year."), ["8 per cent"]);
    assert_eq!(
        flagged("Wheat prices have risen by a third since the invasion."),
        ["by a third"]
    );
    assert_eq!(
        flagged("Nearly half of voters now oppose the plan."),
        ["half of voters"]
    );
    assert_eq!(
        flagged("Nine in 10 households now own a smartphone."),
        ["Nine in 10"]
    );
    assert_eq!(
        flagged("Twenty-four percent of firms went bust."),
        ["Twenty-four percent"]
    );
    assert_eq!(
        flagged("The firm will spend 13 mln U.S. dlrs on it."),
        ["13 mln U.S. dlrs"]
    );
}

#[test]
fn non_figures_pass() {
    for text in [
        "Output rose in the first half of 1987.",
        "The third of the four talks ended.",
        "NEW YORK, March 2 - The dollar was steady.",
        "He was born on Sept. 30 and lives at 221 Baker Street.",
        "Flights 3 and 4 left at 7:50 AM CET, 20 minutes late.",
        "The 2022 elections and the 1990s boom are over.",
        "The tweet 1234567890123 was deleted.",
        "Rates ranged from 6-1/8 to 6-1/4.",
    ] {
        assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn one_finding_per_sentence_with_the_others_in_a_note() {
    let engine = engine();
    let text = "Exports fell 12% and the strike cost $4 billion.";
    let found = engine.findings(text, Format::Plain);
    assert_eq!(found.len(), 1);
    let (_, f) = &found[0];
    assert_eq!(&text[f.span.range()], "12%");
    assert_eq!(
        f.notes,
        ["also without a source in this sentence: `$4 billion`"]
    );
}

#[test]
fn a_hedge_gets_a_secondary_label_and_a_note() {
    let engine = engine();
    let text = "Reportedly, 200 soldiers were killed.";
    let found = engine.findings(text, Format::Plain);
    assert_eq!(found.len(), 1);
    let (rule, f) = &found[0];
    assert_eq!(
        engine.rules[*rule].render_message(&f.vars),
        "unsourced casualty count `200 soldiers`: no reporting verb, `according to` or named data source in its sentence or paragraph or the paragraphs before it"
    );
    assert_eq!(f.labels.len(), 1);
    assert_eq!(&text[f.labels[0].span.range()], "Reportedly");
    assert_eq!(f.labels[0].message, "`Reportedly` names no source");
    assert_eq!(
        f.notes,
        ["`Reportedly` hedges the figure but does not say who gives it"]
    );
}

#[test]
fn results_briefs_and_headlines_are_not_checked() {
    let brief = "ACME CORP YEAR NET\n\nDALLAS, March 3 - Shr 34 cts vs 1.19 dlrs\n\nNet 807,000 vs 2,858,000\n\nNote: the year includes a gain of 132,000 dlrs.\n";
    assert_eq!(flagged(brief), Vec::<String>::new());
    assert_eq!(
        flagged("PROFIT UP 40 PCT AT ACME\n\nThe company is based in Dallas.\n"),
        Vec::<String>::new()
    );
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        "5",
        "$",
        "€",
        "half",
        "by",
        "1,",
        "12.5.",
        "tens of",
        "One in",
        "€€5bn £ 3",
        "a third of ",
        "5-",
        "x-5",
        "“5%”",
        "5 ₽ 6 $ 7",
    ] {
        let _ = flags(text);
    }
}

#[test]
fn background_counts_are_figures() {
    assert_eq!(
        flagged("The ratified treaty binds 123 countries."),
        ["123 countries"]
    );
}

#[test]
fn terms_of_deals_and_plans_are_not_claims() {
    for text in [
        "The company sold the unit for 400 mln dlrs.",
        "The notes carry a 9-1/2 pct coupon.",
        "The bill would raise the limit to 10 pct.",
        "Gold rose to 422.25 dlrs an ounce.",
        "Coffee futures closed at 99.28 cents a pound.",
        "The bank has 42 branches and 17 offices.",
    ] {
        assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn a_source_carries_over_a_run_of_figures_but_not_a_change_of_topic() {
    let run = "Exports rose 12% in March, the statistics office said.\n\nImports fell 3%.\n\nThe trade gap narrowed 40%.\n";
    assert_eq!(flagged(run), Vec::<String>::new());
    let shift = "Exports rose 12% in March, the statistics office said.\n\nMeanwhile, bread prices rose 30%.\n";
    assert_eq!(flagged(shift), ["30%"]);
    // A background count deep in a story longer than a brief (`brief-paragraphs`).
    let background = "The minister said the talks went well.\n\nShe left early.\n\nThe hall was full.\n\nHe spoke after lunch.\n\nThe pact binds 123 countries.\n\nIt was signed in May.\n\nThe talks resume in June.\n\nA vote is due.\n\nThe hall will close.\n";
    assert_eq!(
        flags(background),
        [(
            "figures/unsourced-count".to_string(),
            "123 countries".to_string()
        )]
    );
}

#[test]
fn the_actor_stating_its_own_payroll_or_plan_is_the_source() {
    // A count or percentage the sentence's actor gives about itself.
    assert!(flagged("The Ohio unit of the mill employs 1,450 people.").is_empty());
    assert!(flagged("The council has agreed that rents will rise 4.5 pct this year.").is_empty());
    assert!(flagged("Nurses want a rise of 12 pct in their basic pay.").is_empty());
    // Not for a casualty count or a vague quantity, and not for a market share.
    assert_eq!(
        flagged("Soldiers ordered 300 people killed in the village."),
        ["300 people"]
    );
    assert_eq!(
        flagged("The company now controls 40% of the market."),
        ["40%"]
    );
}

#[test]
fn a_company_result_and_a_description_of_a_whole_pass() {
    assert!(flagged("Operating profit fell 12 pct to 80 mln stg in the year.").is_empty());
    assert!(flagged("Peru, a country of 21 mln people, is short of wheat.").is_empty());
    assert!(flagged("It has to house its more than 40,000 workers.").is_empty());
    assert_eq!(
        flagged("Some 40,000 workers marched in the capital today."),
        ["40,000 workers"]
    );
}

#[test]
fn a_plan_named_before_a_proportion_or_vague_quantity_sets_its_scope() {
    assert!(flagged("The Senate passed a bill to aid thousands of farmers.").is_empty());
    assert!(flagged("The rule lapses if two-thirds of the states object.").is_empty());
    // After the figure, the plan is what the proportion measures.
    assert_eq!(
        flagged("Nearly half of voters now oppose the plan."),
        ["half of voters"]
    );
}

#[test]
fn a_named_data_source_may_have_a_slash_or_be_a_capitalised_data_noun() {
    assert!(flagged("In the monthly Gallup/Heylen poll, Labour fell to 41 pct.").is_empty());
    assert!(flagged("The rise in the Index of Farm Prices was 2.5 pct in May.").is_empty());
}

#[test]
fn a_lede_that_lost_its_full_stop_sources_the_figures_after_it() {
    let text = "LONDON, May 4 - The central bank said money supply grew strongly in the month to April\n\nBroad money rose 1.4 pct and narrow money fell 0.2 pct.\n";
    assert!(flagged(text).is_empty());
    // A headline in capitals is no source.
    let text = "CENTRAL BANK SAYS MONEY GREW STRONGLY IN APRIL MONTH\n\nBroad money rose 1.4 pct in the month.\n";
    assert_eq!(flagged(text), ["1.4 pct"]);
}

#[test]
fn a_brief_is_sourced_by_its_lede() {
    // Six paragraphs: the spokesman named at the top covers the list at the end.
    let text = "The mill will close two plants next month, a spokesman said.\n\n\
        The plants make steel pipe.\n\nOne is in Ohio.\n\nThe other is in Texas.\n\n\
        Demand for pipe has been weak.\n\nThe Texas plant has 1,300 workers.\n";
    assert!(flagged(text).is_empty());
}

#[test]
fn a_word_list_too_long_for_one_regex_is_an_error_not_a_panic() {
    let words: Vec<String> = (0..200_000).map(|i| format!("w{i}x")).collect();
    assert!(super::classify::candidate_regex(&words, &[]).is_err());
    assert!(super::classify::candidate_regex(&words[..10], &[]).is_ok());
}
