//! Unit tests of the figures check, through the built-in `figures` rules (their shared
//! parameters included), on text written for these tests.

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
    for (text, figure) in [
        ("Prices rose 8 per cent in a year.", "8 per cent"),
        (
            "Wheat prices have risen by a third since the invasion.",
            "by a third",
        ),
        (
            "Nearly half of voters now oppose the plan.",
            "half of voters",
        ),
        ("Nine in 10 households now own a smartphone.", "Nine in 10"),
        (
            "Twenty-four percent of firms went bust.",
            "Twenty-four percent",
        ),
        (
            "The firm will spend 13 mln U.S. dlrs on it.",
            "13 mln U.S. dlrs",
        ),
        (
            "The charity gave USD 2.5 million to the agency.",
            "USD 2.5 million",
        ),
        (
            "The senator holds a 10-point lead in the state.",
            "10-point",
        ),
        ("She trails him by nine points in the state.", "nine points"),
        (
            "Ten sailors are missing and five have been injured.",
            "Ten sailors",
        ),
        (
            "More than 90,000 Yemenis have fled the city.",
            "90,000 Yemenis",
        ),
        (
            "The region sent 5,200 active duty troops.",
            "5,200 active duty troops",
        ),
        (
            "The country lost 16,557 square kilometres of forest.",
            "16,557 square kilometres",
        ),
        ("Farmers harvested 40,000 tonnes of maize.", "40,000 tonnes"),
        ("Arrivals could reach 10 million this year.", "10 million"),
    ] {
        assert_eq!(flagged(text), [figure], "{text}");
    }
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
        "The hull was damaged 7m (23ft) above the waterline.",
        "The menu still offers the Six Dollar Burger.",
        "The plant ships 900 tonnes a year.",
        "The two leaders met for three hours on Tuesday.",
    ] {
        assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn one_finding_per_sentence_with_the_others_as_labels() {
    let engine = engine();
    let text = "Exports fell 12% and the strike cost $4 billion.";
    let found = engine.findings(text, Format::Plain);
    assert_eq!(found.len(), 1);
    let (_, f) = &found[0];
    assert_eq!(&text[f.span.range()], "12%");
    assert_eq!(f.labels.len(), 1);
    assert_eq!(&text[f.labels[0].span.range()], "$4 billion");
    assert_eq!(f.labels[0].message, "also without a source");
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
        "unsourced casualty count `200 soldiers`: no reporting verb, `according to` or named data source in its paragraph"
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
fn results_briefs_titles_and_headlines_are_not_checked() {
    let brief = "ACME CORP YEAR NET\n\nDALLAS, March 3 - Shr 34 cts vs 1.19 dlrs\n\nNet 807,000 vs 2,858,000\n\nNote: the year includes a gain of 132,000 dlrs.\n";
    assert_eq!(flagged(brief), Vec::<String>::new());
    assert_eq!(
        flagged("PROFIT UP 40 PCT AT ACME\n\nThe company is based in Dallas.\n"),
        Vec::<String>::new()
    );
    // A title in sentence case is still the title.
    assert_eq!(
        flagged(
            "Lawyers seek $20 million in damages from the old port authority\n\nThe case opens today.\n"
        ),
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
        "5-point",
        "5 have",
        "U.S. 5,000 U.S.",
        "“\n\n“5%",
        "7 of them killed",
        "Rs. 5",
        "USD",
        "12 points ahead",
    ] {
        let _ = flags(text);
    }
}

#[test]
fn a_cue_governs_its_paragraph_not_the_story() {
    // The sentence and the paragraph of the cue are sourced, and the next paragraph when it
    // goes on with figures of the same class (`same-figures-before`); the one after is not.
    let text = "Exports rose 12% in March, the minister said. Imports fell 3%.\n\nThe trade gap narrowed by 40%.\n\nThe port lost 15% of its trade.\n";
    assert_eq!(flagged(text), ["15%"]);
    // The next paragraph with figures of another class is not, unless the cue names a data
    // source (`data-source-before`).
    let text = "Exports rose 12% in March, the minister said.\n\nThe port laid off 300 workers.\n";
    assert_eq!(flagged(text), ["300 workers"]);
    let text = "Exports rose 12% in March, the statistics office said.\n\nThe port laid off 300 workers.\n";
    assert!(flagged(text).is_empty());
    // A lede is not sourced by the paragraph after it.
    let text = "Exports rose 12% in March.\n\nThe figures, released by the statistics office on Tuesday, beat forecasts.\n";
    assert_eq!(flagged(text), ["12%"]);
    // A lede that lost its full stop is checked as a paragraph, and governs only itself.
    let text = "LONDON, May 4 - The central bank said money supply grew 1.4 pct in the month to April\n\nNarrow money fell 0.2 pct.\n";
    assert_eq!(flagged(text), ["0.2 pct"]);
}

#[test]
fn a_background_count_is_a_figure() {
    assert_eq!(
        flags(
            "The minister said the talks went well.\n\nThe convention has been ratified by 123 countries.\n"
        ),
        [(
            "figures/unsourced-count".to_string(),
            "123 countries".to_string()
        )]
    );
}

#[test]
fn an_introduction_that_names_a_source_governs_its_list() {
    let text = "The ministry reported these figures:\n\n- 40% of schools were damaged\n- 1,200 teachers left\n";
    assert_eq!(flagged(text), Vec::<String>::new());
    let text = "The ministry reported these figures:\n\nSome 40% of schools were damaged.\n\nThe rest reopened.\n\nAbout 12% never did.\n";
    assert_eq!(flagged(text), ["12%"]);
    // An introduction that names no source governs nothing.
    let text = "Here are the figures:\n\n- 40% of schools were damaged\n";
    assert_eq!(flagged(text), ["40%"]);
}

#[test]
fn a_quotation_is_its_speakers() {
    // The speaker is named in the paragraph before, or where a quotation that runs on began.
    let text = "The mayor spoke after the vote.\n\n\"We lost 300 jobs in a week,\" she said.\n\n\"And 12% of the shops are shut.\"\n";
    assert_eq!(flagged(text), Vec::<String>::new());
    let text = "The mayor said the town had suffered:\n\n“We lost 40% of our shops.\n\n“And 1,200 people have moved away.”\n";
    assert_eq!(flagged(text), Vec::<String>::new());
    // A quotation with no speaker is no source.
    assert_eq!(
        flagged("“We lost 300 jobs in a single week.”"),
        ["300 jobs"]
    );
}

#[test]
fn a_repeat_of_a_sourced_figure_and_a_data_reference_pass() {
    let text = "Some 40% of schools were damaged, the ministry said.\n\nThe 40% figure is the highest yet.\n";
    assert_eq!(flagged(text), Vec::<String>::new());
    // The same number as another kind of figure is not a repeat.
    let text = "Some 40% of schools were damaged, the ministry said.\n\nThe city has 40,000 teachers.\n\nAnd 40 teachers were hurt.\n";
    assert_eq!(flagged(text), ["40,000 teachers", "40 teachers"]);
    let text =
        "A Gallup poll was published on Monday.\n\nIn the poll, 61% of voters backed the plan.\n";
    assert_eq!(flagged(text), Vec::<String>::new());
}

#[test]
fn terms_prices_results_and_the_public_record_are_not_claims() {
    for text in [
        "The company sold the unit to a rival in a deal worth 400 mln dlrs.",
        "The notes carry a 9-1/2 pct coupon.",
        "The bill would raise the limit to 10 pct.",
        "Gold rose to 422.25 dlrs an ounce.",
        "Coffee futures closed at 99.28 cents a pound.",
        "The index plunged, finishing down 9.7% on the day.",
        "French 10-year yields rose to 0.14%.",
        "The phone is priced at $999 in the US.",
        "She scored 31 points and 12 rebounds.",
        "He won 54% of the vote in the first round.",
        "The court fined the bank $5 million.",
        "The Ohio unit of the mill employs 1,450 people.",
        "The Senate passed a bill to aid thousands of farmers.",
    ] {
        assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
    }
    // An estimate of what a plan costs is a claim, and so is a market share.
    assert_eq!(
        flagged("The plan would cost $4 billion a year."),
        ["$4 billion"]
    );
    assert_eq!(
        flagged("The company now controls 40% of the market."),
        ["40%"]
    );
    // Casualty counts and vague quantities are never the actor's own statement.
    assert_eq!(
        flagged("The army employs force and 300 people were killed."),
        ["300 people"]
    );
}

#[test]
fn a_named_data_source_may_have_a_slash_or_be_a_capitalised_data_noun() {
    assert!(flagged("In the monthly Gallup/Heylen poll, Labour fell to 41 pct.").is_empty());
    assert!(flagged("In the most recent YouGov/Economist survey, 71 pct approved.").is_empty());
    assert!(flagged("The rise in the Index of Farm Prices was 2.5 pct in May.").is_empty());
    // The article that opens the sentence is no part of the name.
    assert!(flagged("The Harbour/Field poll questioned 1,200 voters in May.").is_empty());
    assert_eq!(
        flagged("The harbour poll questioned 1,200 voters in May."),
        ["1,200 voters"]
    );
}

#[test]
fn a_background_scale_is_no_vague_quantity() {
    assert!(flagged("The cuts would hurt millions of families.").is_empty());
    assert!(flagged("They spent tens of billions of dollars on roads.").is_empty());
    assert_eq!(
        flagged("Thousands of families fled the floods."),
        ["Thousands of"]
    );
}

#[test]
fn the_toll_of_a_past_event_is_on_the_record() {
    let text =
        "The storm hit the coast in 2024.\n\nIn 1998, a flood killed 400 people in the valley.\n";
    assert!(flagged(text).is_empty());
    // The year of the story itself dates no past event.
    let text = "The storm hit the coast in 2024.\n\nIn 2024, the floods killed 400 people.\n";
    assert_eq!(flagged(text), ["400 people"]);
}

#[test]
fn a_word_list_too_long_for_one_regex_is_an_error_not_a_panic() {
    let words: Vec<String> = (0..200_000).map(|i| format!("w{i}x")).collect();
    assert!(super::classify::candidate_regex(&words, &[]).is_err());
    assert!(super::classify::candidate_regex(&words[..10], &[]).is_ok());
}

#[test]
fn a_part_of_a_place_is_no_proportion() {
    assert!(flagged("Most voters live in the western half of the county.").is_empty());
    assert_eq!(
        flagged("Half of the county's voters live in towns."),
        ["Half of the county's"]
    );
}

#[test]
fn an_impact_word_in_another_sentence_makes_no_casualty_count() {
    // `killed` ends the first sentence; the 13 parcels are no casualty count (and too few to be
    // a count), while the 40 people are one.
    assert_eq!(
        flagged("The blast left 40 people killed. In May, a man sent 13 parcels to the council."),
        ["40 people"]
    );
}

#[test]
fn an_abbreviation_does_not_end_the_sentence_of_a_data_source() {
    assert!(
        flagged("A survey taken by the Daily Post Co. on May 2 showed support at 55 percent.")
            .is_empty()
    );
    assert_eq!(
        flagged("A survey was taken in May. Support stood at 55 percent."),
        ["55 percent"]
    );
}

#[test]
fn one_as_a_pronoun_is_no_count() {
    assert!(flagged("Any of these cases could be the one that ends the ban.").is_empty());
    assert!(flagged("He is the one whose mistakes have never hurt him.").is_empty());
}

#[test]
fn a_level_after_a_level_word_is_a_count() {
    assert_eq!(
        flagged("Housing starts fell in February to 2,191."),
        ["2,191"]
    );
    assert_eq!(flagged("Sales totalled 3,469 in the year."), ["3,469"]);
    // After a change the change is the figure; the level is a number of a table.
    assert_eq!(flagged("Housing starts rose 12 pct to 2,191."), ["12 pct"]);
}
