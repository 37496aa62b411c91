//! The checker: every word of a text through the syllable rules, the dictionary when there
//! is one, the tone-placement style and the house rules. A text is checked paragraph by
//! paragraph, so the editor re-checks only the paragraph that changed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use serde::Deserialize;

use super::dictionary::Dictionary;
use super::letters::{Tone, compose, vowel};
use super::placement::{Placement, place, style_of};
use super::syllable::{Rule, parse};
use super::words::{is_checkable, words};

/// The house style (`[style]` in the config file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HouseRules {
    /// The newsroom's tone placement; unset, only mixing the two in one article is flagged.
    pub tone_placement: Option<Placement>,
    /// Avoided form → preferred form: `"Sài Gòn" = "TP.HCM"`.
    pub prefer: BTreeMap<String, String>,
    /// Phrases the newsroom does not print.
    pub banned: Vec<String>,
    /// Names and words never flagged (foreign names, brand names).
    pub allow: Vec<String>,
}

/// One flagged word or phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// 1-based line of the text, and 1-based column in characters.
    pub line: usize,
    pub column: usize,
    /// Byte span within the line.
    pub start: usize,
    pub end: usize,
    pub word: String,
    pub rule: Rule,
    pub suggestions: Vec<String>,
}

/// One paragraph's findings, kept by the editor until the paragraph changes. Tone-placement
/// findings need the whole article, so the styled words are kept apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParagraphCheck {
    findings: Vec<Finding>,
    styled: Vec<(usize, usize, Placement)>,
}

/// What the checker says of one word on its own: the rule it breaks and the suggestions.
pub type Verdict = Option<(Rule, Vec<String>)>;

/// Verdicts by word, kept between checks (`Checker::paragraph_remembering`).
pub type Verdicts = HashMap<String, Verdict>;

/// A whole text's findings, in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Default)]
pub struct Checker {
    allow: HashSet<String>,
    placement: Option<Placement>,
    prefer: Vec<(Vec<String>, String)>,
    banned: Vec<Vec<String>>,
    dictionary: Option<Arc<Dictionary>>,
}

fn lower_words(phrase: &str) -> Vec<String> {
    words(phrase)
        .map(|w| phrase[w.start..w.end].to_lowercase())
        .collect()
}

impl Checker {
    pub fn new(house: &HouseRules, dictionary: Option<Arc<Dictionary>>) -> Checker {
        Checker {
            allow: house.allow.iter().map(|w| w.to_lowercase()).collect(),
            placement: house.tone_placement,
            prefer: house
                .prefer
                .iter()
                .map(|(avoid, want)| (lower_words(avoid), want.clone()))
                .filter(|(w, _)| !w.is_empty())
                .collect(),
            banned: house
                .banned
                .iter()
                .map(|b| lower_words(b))
                .filter(|w| !w.is_empty())
                .collect(),
            dictionary,
        }
    }

    /// Adds the newsroom's own word list to the allowed words.
    pub fn allow<I: IntoIterator<Item = String>>(&mut self, words: I) {
        self.allow.extend(words.into_iter().map(|w| w.to_lowercase()));
    }

    /// The tone placement a text should be in: the house's, or else the one most of its
    /// words already use (the new one on a tie); None when no word shows either.
    pub fn placement_for(&self, text: &str) -> Option<Placement> {
        if self.placement.is_some() {
            return self.placement;
        }
        let (mut new, mut old) = (0usize, 0usize);
        for w in words(text) {
            match style_of(&text[w.start..w.end]) {
                Some(Placement::New) => new += 1,
                Some(Placement::Old) => old += 1,
                None => {}
            }
        }
        match (new, old) {
            (0, 0) => None,
            (n, o) if o > n => Some(Placement::Old),
            _ => Some(Placement::New),
        }
    }

    pub fn has_dictionary(&self) -> bool {
        self.dictionary.is_some()
    }

    /// The verdict on one word, before any house rule.
    fn verdict(&self, word: &str) -> Verdict {
        if !is_checkable(word) || self.allow.contains(&word.to_lowercase()) {
            return None;
        }
        match parse(word) {
            Ok(_) => match &self.dictionary {
                // A dictionary keeps one tone placement; the other style is the placement
                // rule's business, not a spelling mistake.
                Some(d) if !d.knows(word) && !d.knows(&place(word, other(style_of(word)))) => {
                    Some((Rule::Dictionary, Vec::new()))
                }
                _ => None,
            },
            Err(rule) => Some((rule, cheap_suggestions(word, rule, self.placement))),
        }
    }

    /// Checks one paragraph (one line of a field).
    pub fn paragraph(&self, text: &str) -> ParagraphCheck {
        self.paragraph_with(text, &mut HashMap::new())
    }

    /// Checks one paragraph, asking about each word only once for all the calls given the
    /// same `verdicts`: the editor re-checks the paragraph being typed on every key, and
    /// all its words but one were judged at the key before.
    pub fn paragraph_remembering(&self, text: &str, verdicts: &mut Verdicts) -> ParagraphCheck {
        self.paragraph_by(text, |word| match verdicts.get(word) {
            Some(known) => known.clone(),
            None => {
                let verdict = self.verdict(word);
                verdicts.insert(word.to_owned(), verdict.clone());
                verdict
            }
        })
    }

    fn paragraph_with<'t>(&self, text: &'t str, seen: &mut HashMap<&'t str, Verdict>) -> ParagraphCheck {
        self.paragraph_by(text, |word| {
            seen.entry(word).or_insert_with(|| self.verdict(word)).clone()
        })
    }

    fn paragraph_by<'t>(&self, text: &'t str, mut verdict: impl FnMut(&'t str) -> Verdict) -> ParagraphCheck {
        let mut out = ParagraphCheck::default();
        let spans: Vec<_> = words(text).filter(|w| !w.in_link).collect();
        for w in &spans {
            let word = &text[w.start..w.end];
            if let Some((rule, suggestions)) = verdict(word) {
                out.findings
                    .push(finding(w.start, w.end, word, rule, suggestions));
            } else if let Some(style) = style_of(word) {
                out.styled.push((w.start, w.end, style));
            }
        }
        if !self.prefer.is_empty() || !self.banned.is_empty() {
            let lower: Vec<String> = spans
                .iter()
                .map(|w| text[w.start..w.end].to_lowercase())
                .collect();
            let phrases = self
                .prefer
                .iter()
                .map(|(p, want)| (p, Rule::HousePreferred, vec![want.clone()]))
                .chain(self.banned.iter().map(|p| (p, Rule::HouseBanned, Vec::new())));
            for (phrase, rule, suggestions) in phrases {
                for at in 0..lower.len().saturating_sub(phrase.len() - 1) {
                    if lower[at..at + phrase.len()] == phrase[..] {
                        let (start, end) = (spans[at].start, spans[at + phrase.len() - 1].end);
                        out.findings
                            .push(finding(start, end, &text[start..end], rule, suggestions.clone()));
                    }
                }
            }
        }
        out
    }

    /// Puts paragraphs' findings together: line numbers, columns, and the tone-placement
    /// findings that need the whole article.
    pub fn report(&self, lines: &[&str], checks: &[&ParagraphCheck]) -> Report {
        let style = self.placement.or_else(|| {
            let mut counts = [0usize; 2];
            let mut first = None;
            for (_, _, s) in checks.iter().flat_map(|c| &c.styled) {
                counts[usize::from(*s == Placement::New)] += 1;
                first.get_or_insert(*s);
            }
            match counts {
                [0, _] | [_, 0] => None,
                [old, new] if old > new => Some(Placement::Old),
                [old, new] if new > old => Some(Placement::New),
                _ => first,
            }
        });
        let mut findings = Vec::new();
        for (n, (line, check)) in lines.iter().zip(checks).enumerate() {
            let mut here: Vec<Finding> = check.findings.clone();
            if let Some(style) = style {
                for &(start, end, s) in &check.styled {
                    if s != style {
                        let word = &line[start..end];
                        let fixed = place(word, style);
                        here.push(finding(start, end, word, Rule::TonePlacement, vec![fixed]));
                    }
                }
            }
            here.sort_by_key(|f| f.start);
            for mut f in here {
                f.line = n + 1;
                f.column = line.get(..f.start).map_or(0, |p| p.chars().count()) + 1;
                findings.push(f);
            }
        }
        Report { findings }
    }

    /// Checks a whole text from scratch.
    pub fn check(&self, text: &str) -> Report {
        let lines: Vec<&str> = text.split('\n').collect();
        let mut seen = HashMap::new();
        let checks: Vec<ParagraphCheck> = lines.iter().map(|l| self.paragraph_with(l, &mut seen)).collect();
        let refs: Vec<&ParagraphCheck> = checks.iter().collect();
        self.report(&lines, &refs)
    }

    /// Suggestions for a finding: the rules' own, then the dictionary's.
    pub fn suggest(&self, finding: &Finding, limit: usize) -> Vec<String> {
        let mut out = finding.suggestions.clone();
        if let Some(d) = &self.dictionary
            && matches!(
                finding.rule,
                Rule::Syllable | Rule::Dictionary | Rule::KC | Rule::GhG | Rule::NghNg
            )
        {
            for s in d.suggest(&finding.word, limit) {
                if !out.contains(&s) {
                    out.push(s);
                }
            }
        }
        out.truncate(limit);
        out
    }
}

fn other(style: Option<Placement>) -> Placement {
    match style {
        Some(Placement::New) => Placement::Old,
        _ => Placement::New,
    }
}

fn finding(start: usize, end: usize, word: &str, rule: Rule, suggestions: Vec<String>) -> Finding {
    Finding {
        line: 0,
        column: 0,
        start,
        end,
        word: word.to_owned(),
        rule,
        suggestions,
    }
}

/// Replaces the first `from` (compared in lower case) with `to`, keeping a leading capital.
fn swap_onset(word: &str, from: &str, to: &str) -> Option<String> {
    let lower = word.to_lowercase();
    let rest = lower.strip_prefix(from)?;
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    let mut onset = to.to_owned();
    if capital {
        onset = onset[..1].to_uppercase() + &onset[1..];
    }
    // The rest keeps its own letters (a capital can only be the first).
    let tail: String = word.chars().skip(from.chars().count()).collect();
    debug_assert_eq!(tail.to_lowercase(), rest);
    Some(onset + &tail)
}

/// What the rules alone can offer, without a dictionary.
fn cheap_suggestions(word: &str, rule: Rule, placement: Option<Placement>) -> Vec<String> {
    let placement = placement.unwrap_or(Placement::New);
    let pairs: &[(&str, &str)] = match rule {
        Rule::KC => &[("k", "c"), ("c", "k")],
        Rule::GhG => &[("gh", "g"), ("g", "gh")],
        Rule::NghNg => &[("ngh", "ng"), ("ng", "ngh")],
        _ => &[],
    };
    let mut out: Vec<String> = pairs
        .iter()
        .filter_map(|(from, to)| swap_onset(word, from, to))
        .filter(|w| parse(w).is_ok())
        .take(1)
        .collect();
    match rule {
        Rule::StopTone => {
            for tone in [Tone::Acute, Tone::Dot] {
                out.push(place(&retone(word, tone), placement));
            }
        }
        Rule::TonePosition => out.push(place(word, placement)),
        Rule::Syllable => out.extend(vowel_variants(word, placement)),
        _ => {}
    }
    out.retain(|w| parse(w).is_ok());
    out.dedup();
    out
}

/// The word with every tone mark removed and `tone` put where it belongs.
fn retone(word: &str, tone: Tone) -> String {
    let chars: Vec<char> = word
        .chars()
        .map(|c| vowel(c).map_or(c, |v| compose(v.base, Tone::Level, v.upper)))
        .collect();
    let lower: Vec<char> = chars.iter().map(|c| vowel(*c).map_or(*c, |v| v.base)).collect();
    let mut chars = chars;
    if let Some(at) = super::placement::tone_index(&lower, Placement::New)
        && let Some(v) = vowel(chars[at])
    {
        chars[at] = compose(v.base, tone, v.upper);
    }
    chars.into_iter().collect()
}

/// Valid words one vowel mark away (`nguời` → `người`).
fn vowel_variants(word: &str, placement: Placement) -> Vec<String> {
    const FAMILIES: [&str; 4] = ["aăâ", "eê", "oôơ", "uư"];
    let chars: Vec<char> = word.chars().collect();
    let tone = chars
        .iter()
        .filter_map(|c| vowel(*c))
        .find(|v| v.tone != Tone::Level)
        .map_or(Tone::Level, |v| v.tone);
    let mut out = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        let Some(v) = vowel(*c) else { continue };
        let Some(family) = FAMILIES.iter().find(|f| f.contains(v.base)) else {
            continue;
        };
        for base in family.chars().filter(|b| *b != v.base) {
            let mut candidate = chars.clone();
            candidate[i] = compose(base, v.tone, v.upper);
            let candidate: String = candidate.into_iter().collect();
            let candidate = place(&retone(&candidate, tone), placement);
            if parse(&candidate).is_ok() && !out.contains(&candidate) {
                out.push(candidate);
            }
        }
    }
    out.truncate(5);
    out
}
