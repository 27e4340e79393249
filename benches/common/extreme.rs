//! Content a real team has, at its most: one family beside the example's that is as big, as
//! long-worded and as long-lived as a real family can be, and a handbook chapter of long
//! tables and deep lists (issue "Every family fits"). The tests build it and read every page
//! and PDF of it; `cargo run --release --example syntetisk -- MAPPE --ekstrem` writes it to
//! look at.
//!
//! - Familien Hansen-Østergaard: 2 adults and 9 children, long hyphenated names with
//!   particles; 40 goals, one of them with 60 delmål; agreements of 400 characters; the
//!   longest Danish compounds; a network of 45 people; a journey of 150 events over 40 years,
//!   15 of them on one day; forty years of WHO-5, SDQ with its five scales, functioning level
//!   (176 assessments) and support history.
//! - `metode/lange-tabeller.md`: a table of 500 rows, one of 40 columns, lists ten levels deep.
//!
//! Only letters the standard font has are used (names in other scripts are the language
//! issue's). Everything is fixed: the same call writes the same files.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// The family's folder name.
pub const SLUG: &str = "hansen-oestergaard";

/// Long Danish compounds, as staff write them.
pub const COMPOUNDS: [&str; 8] = [
    "Beskæftigelsesindsatsen",
    "Arbejdsmarkedsuddannelsescentret",
    "Sygedagpengeopfølgningssamtalerne",
    "Kontanthjælpsmodtagerforløbet",
    "Ungdomsuddannelsesvejledningen",
    "Familiebehandlingsmedarbejderen",
    "Virksomhedspraktikforlængelsen",
    "Socialpædagogiskfamiliebehandling",
];

const ADULTS: [(&str, &str, &str); 2] = [
    ("mor", "Anne-Sofie Thomsen-Østergaard", "mor"),
    ("far", "Mohammed Abdirahman al-Hassan van der Berg", "far"),
];

const CHILDREN: [&str; 9] = [
    "Hassan",
    "Marie-Louise",
    "Abdullahi",
    "Karl-Emil",
    "Fadumo",
    "Sebastian-Alexander",
    "Nur",
    "Ida-Marie",
    "Christoffer",
];

/// Write the extreme family and chapter into the site at `root` (the example's copy).
pub fn write(root: &Path) -> io::Result<()> {
    let dir = root.join("content/familier").join(SLUG);
    fs::create_dir_all(&dir)?;
    fs::write(dir.join("familie.yaml"), familie())?;
    fs::write(dir.join("plan.md"), plan())?;
    fs::write(dir.join("rejse.yaml"), rejse())?;
    fs::write(root.join("content/metode/lange-tabeller.md"), chapter())?;
    Ok(())
}

fn child_id(i: usize) -> String {
    format!("barn{}", i + 1)
}

fn familie() -> String {
    let mut s = String::from(
        "# Stort og langt: to voksne, ni børn, lange navne (fiktiv).\n\
         navn: Familien Hansen-Østergaard al-Hassan van der Berg\nmedlemmer:\n",
    );
    for (id, name, role) in ADULTS {
        let _ = write!(
            s,
            "  - id: {id}\n    navn: {name}\n    rolle: {role}\n    fødselsår: 1960\n    \
             beskæftigelse: Kontanthjælp (aktivitetsparat), {}\n",
            COMPOUNDS[0]
        );
    }
    for (i, name) in CHILDREN.iter().enumerate() {
        let _ = write!(
            s,
            "  - id: {}\n    navn: {name}\n    rolle: barn\n    fødselsår: {}\n",
            child_id(i),
            1986 + i / 2
        );
    }
    s.push_str(
        "makkerpar:\n  jobkonsulent: Marie-Christine Skovgaard-Andersen\n  \
         familiebehandler: Abdirahman Mohamed Farah\n  kontakt: 21 43 65 87 (teamets telefon)\n  \
         træffes: hverdage kl. 8–15\nstartdato: 1986-01-06\ntrin: 5\nstatus: aktiv\n\
         trinskift:\n  - trin: 1\n    fra: 1986-01-06\n  - trin: 3\n    fra: 2023-06-01\n  \
         - trin: 5\n    fra: 2024-09-01\nsamtykke:\n  forløb: true\n  håndbog: false\n  \
         diagnoser_på_diplom: false\n  dato: 1986-01-20\n",
    );
    s
}

fn plan() -> String {
    let mut s = String::from("---\nopdateret: 2026-11-20\ndrømme:\n");
    let _ = write!(
        s,
        "  - hvem: familien\n    tekst: \"Vi vil have ro, arbejde og et hjem, hvor alle elleve \
         kan være – og slippe for {}.\"\n",
        COMPOUNDS[2]
    );
    s.push_str("mål:\n");
    let areas = [
        "beskæftigelse",
        "sundhed",
        "familie",
        "fritid",
        "uddannelse",
        "økonomi",
    ];
    for g in 0..40 {
        let who = if g % 3 == 0 {
            "familien".to_string()
        } else if g % 3 == 1 {
            ADULTS[g % 2].0.to_string()
        } else {
            child_id(g % CHILDREN.len())
        };
        let _ = write!(
            s,
            "  - titel: {} – mål nummer {} om {}\n    hvem: {who}\n    område: {}\n    delmål:\n",
            COMPOUNDS[g % COMPOUNDS.len()],
            g + 1,
            COMPOUNDS[(g + 3) % COMPOUNDS.len()].to_lowercase(),
            areas[g % areas.len()],
        );
        let steps = if g == 0 { 60 } else { 1 + g % 4 };
        for k in 0..steps {
            let status = ["nået", "i-gang", "ikke-startet", "udskudt"][k % 4];
            let _ = write!(
                s,
                "      - tekst: Skridt {} i {} med {}\n        frist: {}-{:02}-{:02}\n        \
                 ansvarlig: makkerpar\n        status: {status}\n",
                k + 1,
                COMPOUNDS[(g + k) % COMPOUNDS.len()].to_lowercase(),
                ADULTS[k % 2].1,
                2023 + (k / 12) % 4,
                1 + k % 12,
                1 + (k * 7) % 28,
            );
        }
    }
    s.push_str("aftaler:\n");
    for a in 0..12 {
        let mut what = format!("Aftale {}: ", a + 1);
        while what.chars().count() < 390 {
            what.push_str(COMPOUNDS[(a + what.len()) % COMPOUNDS.len()]);
            what.push_str(" og ");
        }
        let _ = write!(
            s,
            "  - hvem: {}\n    hvad: \"{}.\"\n    frist: 2026-{:02}-15\n    status: åben\n",
            ADULTS[a % 2].0,
            what.trim_end_matches(" og "),
            1 + a % 12
        );
    }
    s.push_str("netværk:\n");
    for n in 0..45 {
        let _ = write!(
            s,
            "  - navn: {} {}\n    relation: {}\n    type: {}\n    nærhed: {}\n    \
             kan_hjælpe_med: {}\n",
            [
                "Birgitte",
                "Abdiqani",
                "Jens-Peter",
                "Fartun",
                "Mette-Marie"
            ][n % 5],
            [
                "Skovgaard-Andersen",
                "Warsame",
                "Thomsen",
                "Yusuf",
                "Østergaard"
            ][n % 5],
            [
                "Nabo",
                "Mormor",
                "Sagsbehandler",
                "Lærer",
                "Træner",
                "Onkel"
            ][n % 6],
            if n % 3 == 0 { "professionel" } else { "privat" },
            1 + n % 3,
            COMPOUNDS[n % COMPOUNDS.len()].to_lowercase(),
        );
    }
    s.push_str("næste_møde:\n  dato: 2026-12-10\n  tid: kl. 10\n  sted: hjemme hos familien\n");
    measures(&mut s);
    support(&mut s);
    s.push_str("---\nNoter til makkerparret.\n");
    s
}

/// Forty years of measures: each adult's WHO-5 every year and functioning level every
/// quarter of the last four years (all ten dimensions); each child's SDQ with its five scales
/// and functioning level (five dimensions) every half year while a child.
fn measures(s: &mut String) {
    s.push_str("målinger:\n  who5:\n");
    for (k, (id, _, _)) in ADULTS.iter().enumerate() {
        for y in 1987..=2026 {
            let _ = write!(
                s,
                "    - dato: {y}-03-01\n      hvem: {id}\n      score: {}\n",
                (5 + (y - 1987) + k as i32 * 3) % 26 * 4
            );
        }
    }
    s.push_str("  sdq:\n");
    for i in 0..CHILDREN.len() {
        for h in 0..8 {
            let v = |o: usize| (o + i + h) % 11;
            let _ = write!(
                s,
                "    - dato: {}-{:02}-01\n      hvem: {}\n      følelsesmæssige: {}\n      \
                 adfærd: {}\n      hyperaktivitet: {}\n      kammerater: {}\n      prosocial: {}\n",
                1996 + h / 2,
                if h % 2 == 0 { 3 } else { 9 },
                child_id(i),
                v(0),
                v(3),
                v(5),
                v(7),
                10 - v(2),
            );
        }
    }
    s.push_str("  funktionsniveau:\n");
    use trinvis::model::{ADULT_DIMENSIONS as ADULT, CHILD_DIMENSIONS as CHILD};
    for (k, (id, _, _)) in ADULTS.iter().enumerate() {
        for q in 0..16 {
            let _ = write!(
                s,
                "    - dato: {}-{:02}-15\n      hvem: {id}\n      samlet: {}\n      vurdering:\n",
                2023 + q / 4,
                1 + 3 * (q % 4),
                ["E", "D", "C", "B", "A"][(q / 4 + k) % 5]
            );
            for (d, dim) in ADULT.iter().enumerate() {
                let _ = writeln!(s, "        {dim}: {}", (d + q + k) % 5);
            }
        }
    }
    for i in 0..CHILDREN.len() {
        for h in 0..8 {
            let _ = write!(
                s,
                "    - dato: {}-{:02}-01\n      hvem: {}\n      samlet: {}\n      vurdering:\n",
                1996 + h / 2,
                if h % 2 == 0 { 3 } else { 9 },
                child_id(i),
                ["D", "C", "B"][(h + i) % 3]
            );
            for (d, dim) in CHILD.iter().enumerate() {
                let _ = writeln!(s, "        {dim}: {}", (d + h + i) % 5);
            }
        }
    }
}

/// What each adult has lived on over forty years (a change every three to four years), and
/// each child from the age of sixteen: spare-time jobs, education, SU, work.
fn support(s: &mut String) {
    s.push_str("forsørgelse:\n");
    let kinds = [
        ("kontanthjælp-aktivitetsparat", None),
        ("sygedagpenge", None),
        ("jobafklaring", None),
        ("ressourceforløb", None),
        ("virksomhedspraktik", Some(12)),
        ("løntilskud", Some(25)),
        ("fleksjob", Some(15)),
        ("ordinært-job", Some(37)),
        ("ledighedsydelse", None),
        ("småjob", Some(8)),
        ("kontanthjælp-jobparat", None),
        ("ordinært-job", Some(30)),
    ];
    for (k, (id, _, _)) in ADULTS.iter().enumerate() {
        for (n, (kind, hours)) in kinds.iter().enumerate() {
            let _ = write!(
                s,
                "  - hvem: {id}\n    fra: {}-{:02}-01\n    slags: {kind}\n",
                1986 + n as i32 * 3 + k as i32,
                1 + (n * 5 + k) % 12
            );
            if let Some(h) = hours {
                let _ = writeln!(s, "    timer: {h}");
            }
        }
    }
    let young = [
        ("fritidsjob", Some(6)),
        ("uddannelse", None),
        ("su", None),
        ("ordinært-job", Some(37)),
    ];
    for i in 0..CHILDREN.len() {
        for (n, (kind, hours)) in young.iter().enumerate() {
            let _ = write!(
                s,
                "  - hvem: {}\n    fra: {}-08-01\n    slags: {kind}\n",
                child_id(i),
                2002 + i / 2 + n * 3
            );
            if let Some(h) = hours {
                let _ = writeln!(s, "    timer: {h}");
            }
        }
    }
}

fn rejse() -> String {
    let mut s = String::from("før:\n");
    for y in 0..10 {
        let _ = write!(
            s,
            "  - år: {}\n    hændelser:\n      - Familien møder {}.\n",
            1976 + y,
            COMPOUNDS[y % COMPOUNDS.len()].to_lowercase()
        );
    }
    s.push_str("start:\n");
    for (id, _, _) in ADULTS {
        let _ = write!(
            s,
            "  - hvem: {id}\n    alder: 39\n    familie: Elleve i en lejlighed på fire værelser\n    \
             helbred: Træt\n    beskæftigelse: Kontanthjælp\n    karakteristik: {}\n",
            COMPOUNDS[3]
        );
    }
    s.push_str("forløb:\n");
    let tracks = ["beskæftigelse", "sundhed", "familie", "fritid"];
    for e in 0..150 {
        // 15 events on one day; the rest spread over forty years.
        let (y, m, d) = if e < 15 {
            (2024, 3, 1)
        } else {
            (1986 + (e * 40) / 150, 1 + e % 12, 1 + (e * 5) % 28)
        };
        let who = if e % 2 == 0 {
            "[familien]".to_string()
        } else {
            format!("[{}]", ADULTS[e % 2].0)
        };
        let _ = write!(
            s,
            "  - dato: {y}-{m:02}-{d:02}\n    spor: {}\n    hvem: {who}\n    tekst: Hændelse {} \
             med {}.\n",
            tracks[e % 4],
            e + 1,
            COMPOUNDS[e % COMPOUNDS.len()].to_lowercase()
        );
    }
    s
}

fn chapter() -> String {
    let mut s = String::from(
        "---\ntitel: Lange tabeller og dybe lister\nresumé: Et kapitel med en tabel på 500 \
         rækker, en på 40 kolonner og lister i ti niveauer.\nvægt: 90\n---\n\n## 500 rækker\n\n\
         | Række | Uge | Indsats | Bemærkning |\n|---|---|---|---|\n",
    );
    for r in 0..500 {
        let _ = writeln!(
            s,
            "| R{:03} | {} | {} | {} |",
            r + 1,
            1 + r % 52,
            COMPOUNDS[r % COMPOUNDS.len()],
            if r % 7 == 0 { "Aflyst" } else { "Gennemført" }
        );
    }
    s.push_str("\n## 40 kolonner\n\n|");
    for c in 0..40 {
        let _ = write!(s, " K{} |", c + 1);
    }
    s.push_str("\n|");
    s.push_str(&"---|".repeat(40));
    for r in 0..5 {
        s.push_str("\n|");
        for c in 0..40 {
            let _ = write!(s, " {} |", (r + 1) * (c + 1));
        }
    }
    s.push_str("\n\n## Ti niveauer\n\n");
    for level in 0..10 {
        let _ = writeln!(
            s,
            "{}- Niveau {}: {}",
            "  ".repeat(level),
            level + 1,
            COMPOUNDS[level % COMPOUNDS.len()]
        );
    }
    s
}
