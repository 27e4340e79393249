//! What is due for a family on the day the site is drawn for, said the same way on the board,
//! at the top of the staff's plan and on the front page's cards: the follow-up by its
//! cadence, the deadlines of open sub-goals and agreements, consent, and a flag for each thing
//! overdue. Each kind of flag has a shape of its own (`flag-<kind>` in the stylesheet, the
//! same marks in the board's PDF), so they read in black and white.

use super::Strings;
use crate::model::{AgreementStatus, Date, Family, Status, SubGoalStatus};
use serde::Serialize;

/// Something overdue, for the tavlemøde and the pair.
#[derive(Serialize)]
pub(crate) struct Flag {
    /// One of [`FLAG_KINDS`].
    pub(crate) kind: &'static str,
    pub(crate) text: String,
}

/// The kinds of flag, in the order they are counted and listed: the follow-up, a sub-goal,
/// an agreement, consent.
pub(crate) const FLAG_KINDS: [&str; 4] = ["opfoelgning", "delmaal", "aftale", "samtykke"];

/// The latest day a family's next follow-up may be held.
pub(crate) fn follow_up_due(f: &Family) -> Date {
    f.plan.data.follow_up_due(f.familie.data.startdato)
}

/// A goal's or an agreement's words for the board: as the plan writes them, unless they
/// name a diagnosis (the board is shared at the team's meeting), then only the kind.
fn shown(text: &str) -> Option<String> {
    let t = super::rich::Rich::inline(text).plain();
    crate::privacy::find_diagnoses(&t).is_empty().then_some(t)
}

/// "Label date: words", or "Label date" when the words may not be shown.
pub(crate) fn with_words(label: String, text: &str) -> String {
    match shown(text) {
        Some(t) => format!("{label}: {t}"),
        None => label,
    }
}

/// A family's open deadlines in the plan's order, as (deadline, kind, words): its sub-goals
/// neither reached nor given up, then its agreements still open.
pub(crate) fn open_deadlines(f: &Family) -> impl Iterator<Item = (Date, &'static str, &str)> {
    let p = &f.plan.data;
    let goals = p
        .maal
        .iter()
        .flat_map(|g| &g.delmaal)
        .filter(|d| !matches!(d.status, SubGoalStatus::Naaet | SubGoalStatus::Opgivet))
        .filter_map(|d| Some((d.frist?, "delmaal", d.tekst.as_str())));
    let agreements = p
        .aftaler
        .iter()
        .filter(|a| a.status == AgreementStatus::Aaben)
        .filter_map(|a| Some((a.frist?, "aftale", a.hvad.as_str())));
    goals.chain(agreements)
}

/// Whether a sub-goal or an agreement with this deadline and still open is overdue.
pub(crate) fn late(frist: Option<Date>, today: Date) -> bool {
    frist.is_some_and(|d| d < today)
}

/// What is overdue for a family on `today`, in the order of [`FLAG_KINDS`].
pub(crate) fn flags(f: &Family, today: Date, s: &Strings) -> Vec<Flag> {
    let mut out = Vec::new();
    let due = follow_up_due(f);
    if due < today {
        out.push(Flag {
            kind: "opfoelgning",
            text: format!("{} {}", s.get("board_flag_followup"), s.date(due)),
        });
    }
    for (frist, kind, words) in open_deadlines(f).filter(|d| d.0 < today) {
        out.push(Flag {
            kind,
            text: with_words(
                format!("{} {}", s.get(&format!("board_flag_{kind}")), s.date(frist)),
                words,
            ),
        });
    }
    if !f.familie.data.samtykke.forløb {
        out.push(Flag {
            kind: "samtykke",
            text: s.get("board_flag_consent"),
        });
    }
    out
}

/// A family's meetings and deadlines, each on its day: the agreed meeting, the day the
/// follow-up is due, and the open deadlines (with their words where the board may show them).
pub(crate) fn dated(f: &Family, s: &Strings) -> Vec<(Date, String)> {
    let mut out = Vec::new();
    if let Some(m) = &f.plan.data.naeste_moede {
        out.push((m.dato, s.get("board_meeting")));
    }
    out.push((follow_up_due(f), s.get("board_followup_due")));
    for (frist, kind, words) in open_deadlines(f) {
        out.push((
            frist,
            with_words(s.get(&format!("board_kind_{kind}")), words),
        ));
    }
    out
}

/// "torsdag 3. december 2026".
pub(crate) fn day(d: Date, s: &Strings) -> String {
    format!(
        "{} {}",
        s.get(&format!("weekday_{}", d.weekday())),
        s.date(d)
    )
}

/// The top of the staff's plan: what the pair must know before anything else.
#[derive(Serialize)]
pub(crate) struct Overview {
    /// The day it is drawn for.
    pub(crate) date: String,
    /// The next meeting in one line, flagged when it has passed or comes later than the
    /// cadence allows; none once the course has ended.
    pub(crate) meeting: Option<Line>,
    /// Sub-goals and agreements past their deadline, the first [`OVERDUE_SHOWN`] of each kind.
    pub(crate) overdue: Vec<Flag>,
    /// How many more of a kind there are ("og 57 delmål mere"), marked in their tables, and
    /// the section of that table.
    pub(crate) overdue_more: Vec<More>,
    /// What falls due from the day to the Sunday of its week.
    pub(crate) this_week: Vec<Dated>,
    /// "til og med søndag 29. november 2026".
    pub(crate) this_week_until: String,
    pub(crate) consent: Line,
    /// "Forløbet sluttede 30. juni 2025", for a course that has ended.
    pub(crate) finished: Option<String>,
}

/// A line of the overview, with its flag when something is wrong.
#[derive(Serialize)]
pub(crate) struct Line {
    pub(crate) text: String,
    pub(crate) flag: Option<Flag>,
}

/// What the overview leaves to a table further down.
#[derive(Serialize)]
pub(crate) struct More {
    pub(crate) text: String,
    /// The id of the section with the table.
    pub(crate) section: &'static str,
}

/// How many overdue sub-goals, and agreements, the overview lists before it says how many
/// more there are: a big family's hundred late steps would push the rest of the page away.
pub(crate) const OVERDUE_SHOWN: usize = 3;

/// A meeting or a deadline on its day.
#[derive(Serialize)]
pub(crate) struct Dated {
    pub(crate) date: String,
    pub(crate) what: String,
}

pub(crate) fn overview(f: &Family, today: Date, s: &Strings) -> Overview {
    let d = &f.familie.data;
    let meeting = meeting_line(f, today, s);
    let sunday = Date::from_days(today.to_days() - today.weekday() as i64 + 6);
    let mut this_week: Vec<(Date, String)> = dated(f, s)
        .into_iter()
        .filter(|(x, _)| (today..=sunday).contains(x))
        .collect();
    this_week.sort();
    let consent = if d.samtykke.forløb {
        Line {
            text: match d.samtykke.dato {
                Some(x) => s.fill("overview_consent_on", &[("date", &s.date(x))]),
                None => s.get("overview_consent"),
            },
            flag: None,
        }
    } else {
        Line {
            text: String::new(),
            flag: Some(Flag {
                kind: "samtykke",
                text: s.get("overview_consent_missing"),
            }),
        }
    };
    let mut overdue = Vec::new();
    let mut overdue_more = Vec::new();
    let all = flags(f, today, s);
    for (kind, section) in [("delmaal", "goals"), ("aftale", "agreements")] {
        let mut of_kind = all.iter().filter(|x| x.kind == kind);
        overdue.extend(of_kind.by_ref().take(OVERDUE_SHOWN).map(|x| Flag {
            kind,
            text: x.text.clone(),
        }));
        let more = of_kind.count();
        if more > 0 {
            overdue_more.push(More {
                text: s.fill(
                    &format!("overview_more_{kind}"),
                    &[("n", &more.to_string())],
                ),
                section,
            });
        }
    }
    Overview {
        date: s.date(today),
        meeting,
        overdue,
        overdue_more,
        this_week: this_week
            .into_iter()
            .map(|(x, what)| Dated {
                date: day(x, s),
                what,
            })
            .collect(),
        this_week_until: s.fill("overview_until", &[("date", &day(sunday, s))]),
        consent,
        finished: (d.status == Status::Afsluttet).then(|| match d.slutdato {
            Some(x) => s.fill("overview_finished_on", &[("date", &s.date(x))]),
            None => s.get("overview_finished"),
        }),
    }
}

/// The next meeting in one line: the agreed one (weekday, time, place), or that none is
/// agreed and by when the follow-up must be held; flagged when it has passed or comes later
/// than the cadence allows, or, with none agreed, when the follow-up is overdue. None once
/// the course has ended.
pub(crate) fn meeting_line(f: &Family, today: Date, s: &Strings) -> Option<Line> {
    let p = &f.plan.data;
    let due = follow_up_due(f);
    let by = s.date(due);
    let flag = |text: String| {
        Some(Flag {
            kind: "opfoelgning",
            text,
        })
    };
    match (&p.naeste_moede, f.familie.data.status) {
        (_, Status::Afsluttet) => None,
        (Some(m), _) => Some(Line {
            text: [Some(day(m.dato, s)), m.tid.clone(), m.sted.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
            flag: if m.dato < today {
                flag(s.get("overview_meeting_past"))
            } else if m.dato > due {
                flag(s.fill(
                    "overview_meeting_late",
                    &[("date", &by), ("n", &p.cadence().to_string())],
                ))
            } else {
                None
            },
        }),
        (None, _) if due < today => Some(Line {
            text: s.get("overview_no_meeting"),
            flag: flag(format!("{} {by}", s.get("board_flag_followup"))),
        }),
        (None, _) => Some(Line {
            text: s.fill("overview_no_meeting_by", &[("date", &by)]),
            flag: None,
        }),
    }
}

/// The first open date of a family (its agreed meeting, its follow-up, its open deadlines):
/// the front page lists the families by it, the most overdue first.
pub(crate) fn first_due(f: &Family) -> Date {
    let meeting = f.plan.data.naeste_moede.as_ref().map(|m| m.dato);
    open_deadlines(f)
        .map(|d| d.0)
        .chain(meeting)
        .fold(follow_up_due(f), Date::min)
}

/// How many flags of a kind.
#[derive(Serialize)]
pub(crate) struct FlagCount {
    pub(crate) kind: &'static str,
    pub(crate) label: String,
    pub(crate) count: usize,
}

/// The flags counted by kind, in the order of [`FLAG_KINDS`], every kind or (`all` false)
/// only those there are; each kind labelled by the string `<labels><kind>`.
pub(crate) fn counts<'a>(
    flags: impl Iterator<Item = &'a Flag> + Clone,
    s: &Strings,
    labels: &str,
    all: bool,
) -> Vec<FlagCount> {
    FLAG_KINDS
        .iter()
        .map(|&kind| FlagCount {
            kind,
            label: s.get(&format!("{labels}{kind}")),
            count: flags.clone().filter(|f| f.kind == kind).count(),
        })
        .filter(|c| all || c.count > 0)
        .collect()
}
