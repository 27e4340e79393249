//! The measures' scales and risk bands (README, `målinger`): defined once here, used by
//! validation, the tables and the charts alike.

/// How a score reads: the traffic-light band it falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Band {
    /// No immediate risk / normal.
    Green,
    /// Risk / borderline.
    Amber,
    /// High risk / abnormal.
    Red,
}

impl Band {
    pub fn code(self) -> &'static str {
        match self {
            Band::Green => "green",
            Band::Amber => "amber",
            Band::Red => "red",
        }
    }
}

/// A scored questionnaire: its range and its bands, lowest scores first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// Key prefix in the strings file (`who5_red`, …) and in messages.
    pub code: &'static str,
    pub min: i64,
    pub max: i64,
    /// (lowest score, highest score, band), covering min..=max without gaps.
    pub bands: [(i64, i64, Band); 3],
    /// Higher is better (WHO-5) or worse (SDQ).
    pub higher_is_better: bool,
}

impl Scale {
    pub fn band(&self, score: i64) -> Band {
        self.bands
            .iter()
            .find(|(lo, hi, _)| (*lo..=*hi).contains(&score))
            .map(|b| b.2)
            .unwrap_or(if (score < self.min) == self.higher_is_better {
                Band::Red
            } else {
                Band::Green
            })
    }

    pub fn contains(&self, score: i64) -> bool {
        (self.min..=self.max).contains(&score)
    }
}

/// WHO-5 well-being index (adults, self-rated), 0–100: 0–35 high risk of depression and
/// stress, 36–50 risk, above 50 no immediate risk.
pub const WHO5: Scale = Scale {
    code: "who5",
    min: 0,
    max: 100,
    bands: [
        (0, 35, Band::Red),
        (36, 50, Band::Amber),
        (51, 100, Band::Green),
    ],
    higher_is_better: true,
};

/// SDQ total difficulties (children, parent-rated), 0–40: 0–13 normal, 14–16 borderline,
/// 17–40 abnormal.
pub const SDQ: Scale = Scale {
    code: "sdq",
    min: 0,
    max: 40,
    bands: [
        (0, 13, Band::Green),
        (14, 16, Band::Amber),
        (17, 40, Band::Red),
    ],
    higher_is_better: false,
};

/// SDQ's five scales (parent-rated), in [`crate::model::SDQ_PROBLEM_SCALES`]' order and then
/// prosocial, each 0–10 with the bands of the questionnaire's scoring: the four problem scales'
/// normal, borderline and abnormal scores, and the strengths scale's the other way round.
pub const SDQ_SCALES: [Scale; 5] = [
    sdq_scale(3, 4),
    sdq_scale(2, 3),
    sdq_scale(5, 6),
    sdq_scale(2, 3),
    Scale {
        code: "sdq",
        min: 0,
        max: 10,
        bands: [(0, 4, Band::Red), (5, 5, Band::Amber), (6, 10, Band::Green)],
        higher_is_better: true,
    },
];

/// A problem scale 0–10: normal up to `normal`, borderline up to `borderline`.
const fn sdq_scale(normal: i64, borderline: i64) -> Scale {
    Scale {
        code: "sdq",
        min: 0,
        max: 10,
        bands: [
            (0, normal, Band::Green),
            (normal + 1, borderline, Band::Amber),
            (borderline + 1, 10, Band::Red),
        ],
        higher_is_better: false,
    }
}

/// The share of children in SDQ's normal range (0–13) in the population, which the evaluations
/// compare with: about 80 %.
pub const SDQ_POPULATION_NORMAL: u32 = 80;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_edges() {
        assert_eq!(WHO5.band(35), Band::Red);
        assert_eq!(WHO5.band(36), Band::Amber);
        assert_eq!(WHO5.band(50), Band::Amber);
        assert_eq!(WHO5.band(51), Band::Green);
        assert_eq!(SDQ.band(13), Band::Green);
        assert_eq!(SDQ.band(14), Band::Amber);
        assert_eq!(SDQ.band(17), Band::Red);
        assert_eq!(SDQ_SCALES[0].band(4), Band::Amber);
        assert_eq!(SDQ_SCALES[2].band(7), Band::Red);
        assert_eq!(SDQ_SCALES[4].band(5), Band::Amber);
        assert_eq!(SDQ_SCALES[4].band(6), Band::Green);
        for s in [WHO5, SDQ].into_iter().chain(SDQ_SCALES) {
            assert_eq!(s.bands[0].0, s.min);
            assert_eq!(s.bands[2].1, s.max);
            assert!(s.bands.windows(2).all(|w| w[0].1 + 1 == w[1].0));
        }
    }
}
