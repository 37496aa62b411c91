//! One written syllable taken apart: onset, rhyme (medial + nucleus + coda) and tone, and
//! the rules of Vietnamese spelling checked on it, with no dictionary.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::letters::{Tone, is_consonant, vowel};
use super::placement::tone_index;

/// Why a word was flagged. The names are what `newsroom check --json` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// No Vietnamese syllable is spelled like this (`nguời`, two tone marks).
    Syllable,
    /// `k` before i, e, ê, y; `c` elsewhere.
    KC,
    /// `gh` before i, e, ê; `g` elsewhere.
    GhG,
    /// `ngh` before i, e, ê; `ng` elsewhere.
    NghNg,
    /// `q` is always written `qu`.
    Qu,
    /// A syllable ending in -p, -t, -c, -ch takes only sắc or nặng.
    StopTone,
    /// The tone mark sits on a letter that never carries it (`tóan` for `toán`).
    TonePosition,
    /// `hòa` in a `hoà` newsroom, or the two styles mixed in one article.
    TonePlacement,
    /// The Hunspell dictionary does not know this syllable.
    Dictionary,
    /// The house style prefers another form (`[style.prefer]`).
    HousePreferred,
    /// A phrase the house style bans (`[style] banned`).
    HouseBanned,
}

impl Rule {
    pub fn name(self) -> &'static str {
        match self {
            Rule::Syllable => "syllable",
            Rule::KC => "k-c",
            Rule::GhG => "gh-g",
            Rule::NghNg => "ngh-ng",
            Rule::Qu => "qu",
            Rule::StopTone => "stop-tone",
            Rule::TonePosition => "tone-position",
            Rule::TonePlacement => "tone-placement",
            Rule::Dictionary => "dictionary",
            Rule::HousePreferred => "house-preferred",
            Rule::HouseBanned => "house-banned",
        }
    }
}

/// A syllable that passed: its parts in lower case without the tone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Syllable {
    pub onset: String,
    pub rhyme: String,
    pub tone: Tone,
    /// Which letter (by char index in the word) carries the tone, if any.
    pub tone_at: Option<usize>,
}

/// Every rhyme Vietnamese writes, without tone (loan rhymes like `oong`, `uyp` included).
const RHYMES: &str = "a ac ach ai am an ang anh ao ap at au ay \
    ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây \
    e ec em en eng eo ep et ê êch êm ên ênh êp êt êu \
    i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu \
    o oc oi om on ong op ot ooc oong \
    oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oec oem oen oeo oet \
    ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt \
    u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt \
    uân uâng uât uây uê uêch uênh uơ uy uya uych uyn uynh uyp uyt uyu uyên uyêt \
    ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu \
    y yêm yên yêt yêu";

fn rhymes() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| RHYMES.split_whitespace().collect())
}

fn is_rhyme(s: &str) -> bool {
    rhymes().contains(s)
}

const ONSETS: [&str; 11] = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr"];

fn front(c: Option<char>) -> bool {
    matches!(c, Some('i' | 'e' | 'ê' | 'y'))
}

/// The word in lower case without its tone, the tone, and where the tone was.
fn strip(word: &str) -> Result<(String, Tone, Option<usize>), Rule> {
    let mut plain = String::with_capacity(word.len());
    let mut tone = Tone::Level;
    let mut at = None;
    for (i, c) in word.chars().enumerate() {
        match vowel(c) {
            Some(v) => {
                if v.tone != Tone::Level {
                    if at.is_some() {
                        return Err(Rule::Syllable);
                    }
                    tone = v.tone;
                    at = Some(i);
                }
                plain.push(v.base);
            }
            None if is_consonant(c) => plain.extend(c.to_lowercase()),
            None => return Err(Rule::Syllable),
        }
    }
    Ok((plain, tone, at))
}

/// Splits `plain` (lower case, toneless) into onset and rhyme, or says which rule fails.
fn split(plain: &str) -> Result<(&str, String), Rule> {
    if plain.starts_with('q') && !plain.starts_with("qu") {
        return Err(Rule::Qu);
    }
    let onset_len = ONSETS
        .iter()
        .find(|o| plain.starts_with(*o))
        .map(|o| o.len())
        .unwrap_or_else(|| {
            plain
                .chars()
                .next()
                .filter(|c| is_consonant(*c))
                .map_or(0, char::len_utf8)
        });
    let (onset, rest) = plain.split_at(onset_len);
    let rhyme = match onset {
        // gi before a consonant or alone keeps its i as the vowel (gì, gìn); before iê it
        // drops one (giếng is gi + iêng).
        "gi" if !rest.starts_with(|c: char| vowel(c).is_some()) => format!("i{rest}"),
        "gi" if !is_rhyme(rest) && is_rhyme(&format!("i{rest}")) => format!("i{rest}"),
        // qu carries the medial u: quýt is qu + uyt.
        "qu" if rest.starts_with(['u', 'ư', 'o']) => return Err(Rule::Syllable),
        "qu" if !is_rhyme(rest) && is_rhyme(&format!("u{rest}")) => format!("u{rest}"),
        _ => rest.to_owned(),
    };
    Ok((onset, rhyme))
}

/// Checks one word as a Vietnamese syllable.
pub fn parse(word: &str) -> Result<Syllable, Rule> {
    let (plain, tone, tone_at) = strip(word)?;
    let (onset, rhyme) = split(&plain)?;
    if !is_rhyme(&rhyme) {
        return Err(Rule::Syllable);
    }
    let first = rhyme.chars().next();
    match onset {
        "k" if !front(first) => return Err(Rule::KC),
        "c" if front(first) => return Err(Rule::KC),
        "gh" if !front(first) || first == Some('y') => return Err(Rule::GhG),
        "g" if front(first) => return Err(Rule::GhG),
        "ngh" if !front(first) || first == Some('y') => return Err(Rule::NghNg),
        "ng" if front(first) => return Err(Rule::NghNg),
        _ => {}
    }
    // yê- opens a syllable on its own (yên); after a consonant it is written iê- (tiên).
    if (rhyme.len() > 1 && rhyme.starts_with('y') && !onset.is_empty() && onset != "qu")
        || (rhyme.starts_with("iê") && onset.is_empty())
    {
        return Err(Rule::Syllable);
    }
    if ["p", "t", "c", "ch"].iter().any(|c| rhyme.ends_with(c)) && !matches!(tone, Tone::Acute | Tone::Dot) {
        return Err(Rule::StopTone);
    }
    if let Some(at) = tone_at {
        let chars: Vec<char> = plain.chars().collect();
        let old = tone_index(&chars, super::Placement::Old);
        let new = tone_index(&chars, super::Placement::New);
        if Some(at) != old && Some(at) != new {
            return Err(Rule::TonePosition);
        }
    }
    Ok(Syllable {
        onset: onset.to_owned(),
        rhyme,
        tone,
        tone_at,
    })
}
