//! Built-in Telex and VNI, for reporters on a machine or a phone with no Vietnamese input
//! method. The conventions are Unikey's: marks and tones may come anywhere after the vowel
//! (`tieengs` → `tiếng`), a second press of the same key takes its mark back off and types
//! the key (`aaa` → `aa`, `ass` → `as`), `w` alone is `ư`, `dd` is `đ`. A word's keys are
//! kept and the word re-made from them on each key, so the tone always sits where the house
//! placement wants it however the keys came.

use serde::Deserialize;

use super::letters::{Tone, compose, vowel};
use super::placement::{Placement, tone_index};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputMethod {
    Telex,
    Vni,
}

impl InputMethod {
    pub fn name(self) -> &'static str {
        match self {
            InputMethod::Telex => "Telex",
            InputMethod::Vni => "VNI",
        }
    }
}

/// What a key does to the word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Tone(Tone),
    /// Telex z, VNI 0.
    NoTone,
    /// Telex aa/ee/oo (the family's letter); VNI 6 (any of a, e, o).
    Circumflex(Option<char>),
    /// Telex w: ư, ơ, ươ or ă.
    W,
    /// VNI 7: ư, ơ or ươ.
    Horn,
    /// VNI 8: ă.
    Breve,
    /// Telex dd, VNI 9: đ.
    Stroke,
    Letter,
}

fn action(method: InputMethod, key: char) -> Action {
    let k = key.to_ascii_lowercase();
    match method {
        InputMethod::Telex => match k {
            's' => Action::Tone(Tone::Acute),
            'f' => Action::Tone(Tone::Grave),
            'r' => Action::Tone(Tone::Hook),
            'x' => Action::Tone(Tone::Tilde),
            'j' => Action::Tone(Tone::Dot),
            'z' => Action::NoTone,
            'a' | 'e' | 'o' => Action::Circumflex(Some(k)),
            'w' => Action::W,
            'd' => Action::Stroke,
            _ => Action::Letter,
        },
        InputMethod::Vni => match k {
            '1' => Action::Tone(Tone::Acute),
            '2' => Action::Tone(Tone::Grave),
            '3' => Action::Tone(Tone::Hook),
            '4' => Action::Tone(Tone::Tilde),
            '5' => Action::Tone(Tone::Dot),
            '0' => Action::NoTone,
            '6' => Action::Circumflex(None),
            '7' => Action::Horn,
            '8' => Action::Breve,
            '9' => Action::Stroke,
            _ => Action::Letter,
        },
    }
}

/// A word being typed: letters in lower case with their marks (no tone), and the tone.
#[derive(Debug, Default)]
struct Word {
    letters: Vec<(char, bool)>,
    tone: Tone,
    /// Keys whose mark was taken back: from then on they type themselves.
    undone: Vec<char>,
    /// Where a w with no vowel to reach typed ư: a second w makes it a w again.
    bare_w: Option<usize>,
}

fn family(c: char) -> char {
    match c {
        'ă' | 'â' => 'a',
        'ê' => 'e',
        'ô' | 'ơ' => 'o',
        'ư' => 'u',
        'đ' => 'd',
        c => c,
    }
}

impl Word {
    fn has_vowel(&self) -> bool {
        self.letters.iter().any(|(c, _)| vowel(*c).is_some())
    }

    /// The last run of vowels: the nucleus a mark key reaches.
    fn cluster(&self) -> std::ops::Range<usize> {
        let end = self
            .letters
            .iter()
            .rposition(|(c, _)| vowel(*c).is_some())
            .map_or(0, |i| i + 1);
        let start = self.letters[..end]
            .iter()
            .rposition(|(c, _)| vowel(*c).is_none())
            .map_or(0, |i| i + 1);
        start..end
    }

    fn literal(&mut self, key: char) {
        self.letters
            .push((key.to_lowercase().next().unwrap_or(key), key.is_uppercase()));
    }

    /// Takes a mark back off: the letters return to plain and the key types itself.
    fn undo(&mut self, at: &[usize], key: char) {
        for &i in at {
            self.letters[i].0 = family(self.letters[i].0);
        }
        self.undone.push(key.to_ascii_lowercase());
        self.literal(key);
    }

    fn press(&mut self, method: InputMethod, key: char) {
        let act = action(method, key);
        if act != Action::Letter && self.undone.contains(&key.to_ascii_lowercase()) {
            return self.literal(key);
        }
        let cluster = self.cluster();
        let find = |w: &Word, pick: &dyn Fn(char) -> bool| -> Option<usize> {
            cluster.clone().rev().find(|i| pick(w.letters[*i].0))
        };
        match act {
            Action::Letter => self.literal(key),
            Action::Tone(tone) if self.has_vowel() => {
                if self.tone == tone {
                    self.tone = Tone::Level;
                    self.undone.push(key.to_ascii_lowercase());
                    self.literal(key);
                } else {
                    self.tone = tone;
                }
            }
            Action::NoTone if self.tone != Tone::Level => self.tone = Tone::Level,
            Action::Circumflex(of) => {
                let target = find(self, &|c| {
                    matches!(family(c), 'a' | 'e' | 'o') && of.is_none_or(|f| family(c) == f) && c != 'ư'
                });
                match target.map(|i| (i, self.letters[i].0)) {
                    Some((i, 'â' | 'ê' | 'ô')) => self.undo(&[i], key),
                    Some((i, c)) => {
                        self.letters[i].0 = match family(c) {
                            'a' => 'â',
                            'e' => 'ê',
                            _ => 'ô',
                        }
                    }
                    None => self.literal(key),
                }
            }
            Action::W | Action::Horn => {
                let u = find(self, &|c| matches!(c, 'u' | 'ư'));
                let o = find(self, &|c| matches!(c, 'o' | 'ơ' | 'ô'));
                let mut targets: Vec<usize> = match (u, o) {
                    (Some(u), Some(o)) if o == u + 1 => vec![u, o],
                    _ => u.max(o).into_iter().collect(),
                };
                if targets.is_empty() && act == Action::W {
                    targets.extend(find(self, &|c| matches!(c, 'a' | 'ă' | 'â')));
                }
                let marked = |c: char| matches!(c, 'ư' | 'ơ' | 'ă');
                if targets.is_empty() {
                    if act == Action::W && !self.has_vowel() {
                        // Unikey types ư for a w with no vowel to reach.
                        self.bare_w = Some(self.letters.len());
                        self.letters.push(('ư', key.is_uppercase()));
                    } else {
                        self.literal(key);
                    }
                } else if targets.len() == 1 && self.bare_w == targets.first().copied() {
                    self.letters[targets[0]].0 = 'w';
                    self.undone.push('w');
                } else if targets.iter().all(|i| marked(self.letters[*i].0)) {
                    self.undo(&targets, key);
                } else {
                    for i in targets {
                        let c = &mut self.letters[i].0;
                        *c = match family(*c) {
                            'u' => 'ư',
                            'o' => 'ơ',
                            _ => 'ă',
                        };
                    }
                }
            }
            Action::Breve => match find(self, &|c| family(c) == 'a') {
                Some(i) if self.letters[i].0 == 'ă' => self.undo(&[i], key),
                Some(i) => self.letters[i].0 = 'ă',
                None => self.literal(key),
            },
            Action::Stroke => match self.letters.first().map(|(c, _)| *c) {
                Some('d') => self.letters[0].0 = 'đ',
                Some('đ') => self.undo(&[0], key),
                _ => self.literal(key),
            },
            Action::Tone(_) | Action::NoTone => self.literal(key),
        }
    }

    fn render(&self, placement: Placement) -> String {
        let plain: Vec<char> = self.letters.iter().map(|(c, _)| *c).collect();
        let at = match self.tone {
            Tone::Level => None,
            _ => tone_index(&plain, placement),
        };
        self.letters
            .iter()
            .enumerate()
            .map(|(i, &(c, upper))| {
                if vowel(c).is_some() {
                    compose(c, if Some(i) == at { self.tone } else { Tone::Level }, upper)
                } else if upper {
                    c.to_uppercase().next().unwrap_or(c)
                } else {
                    c
                }
            })
            .collect()
    }
}

/// The word a run of keys types.
pub fn transform(method: InputMethod, keys: &str, placement: Placement) -> String {
    let mut word = Word::default();
    for key in keys.chars() {
        word.press(method, key);
    }
    word.render(placement)
}

/// Whether a key belongs to the word being typed (else it ends the word and types itself).
fn in_word(method: InputMethod, key: char, started: bool) -> bool {
    key.is_alphabetic() || (method == InputMethod::Vni && started && key.is_ascii_digit())
}

/// The input method at work in a text field: it remembers the current word's keys.
#[derive(Debug, Clone)]
pub struct Composer {
    pub method: InputMethod,
    placement: Placement,
    keys: String,
    shown: String,
}

impl Composer {
    pub fn new(method: InputMethod, placement: Placement) -> Composer {
        Composer {
            method,
            placement,
            keys: String::new(),
            shown: String::new(),
        }
    }

    /// A typed character: how many characters before the caret to delete, and what to
    /// insert in their place.
    pub fn key(&mut self, key: char) -> (usize, String) {
        if !in_word(self.method, key, !self.keys.is_empty()) {
            self.reset();
            return (0, key.to_string());
        }
        self.keys.push(key);
        let word = transform(self.method, &self.keys, self.placement);
        let same = self
            .shown
            .chars()
            .zip(word.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let delete = self.shown.chars().count() - same;
        let insert: String = word.chars().skip(same).collect();
        self.shown = word;
        (delete, insert)
    }

    /// The caret moved or something else was typed: the next key starts a new word.
    pub fn reset(&mut self) {
        self.keys.clear();
        self.shown.clear();
    }
}
