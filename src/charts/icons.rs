//! One simple pictogram per life area, drawn as a scene (24 × 24) so the web and the coming
//! PDF show the same picture: nothing fetched, no icon font.

use crate::draw::palette::{ACCENT, WHITE};
use crate::draw::scene::{Caption, PathOp, Scene, Shape, Stroke};
use crate::model::Area;

fn stroke() -> Option<Stroke> {
    Some(Stroke::solid(ACCENT, 2.0))
}

fn rect(x: f32, y: f32, w: f32, h: f32, r: f32) -> Shape {
    Shape::Rect {
        x,
        y,
        w,
        h,
        r,
        fill: Some(WHITE),
        stroke: stroke(),
    }
}

fn path(ops: Vec<PathOp>, fill: bool) -> Shape {
    Shape::Path {
        ops,
        fill: fill.then_some(ACCENT),
        stroke: stroke(),
    }
}

fn circle(cx: f32, cy: f32, r: f32, fill: bool) -> Shape {
    Shape::Circle {
        cx,
        cy,
        r,
        fill: Some(if fill { ACCENT } else { WHITE }),
        stroke: stroke(),
    }
}

use PathOp::{Close, Cubic, Line, Move};

/// The pictogram of an area; `label` names it for those who cannot see it.
pub fn area_icon(area: Area, label: &str) -> Scene {
    let shapes = match area {
        // A briefcase.
        Area::Beskaeftigelse => vec![
            rect(3.0, 8.0, 18.0, 12.0, 2.0),
            path(
                vec![
                    Move(9.0, 8.0),
                    Line(9.0, 5.0),
                    Line(15.0, 5.0),
                    Line(15.0, 8.0),
                ],
                false,
            ),
            path(vec![Move(3.0, 13.0), Line(21.0, 13.0)], false),
        ],
        // An open book.
        Area::Uddannelse => vec![
            path(
                vec![
                    Move(12.0, 7.0),
                    Cubic(9.0, 5.0, 5.0, 5.0, 3.0, 6.0),
                    Line(3.0, 19.0),
                    Cubic(5.0, 18.0, 9.0, 18.0, 12.0, 20.0),
                    Close,
                ],
                false,
            ),
            path(
                vec![
                    Move(12.0, 7.0),
                    Cubic(15.0, 5.0, 19.0, 5.0, 21.0, 6.0),
                    Line(21.0, 19.0),
                    Cubic(19.0, 18.0, 15.0, 18.0, 12.0, 20.0),
                    Close,
                ],
                false,
            ),
        ],
        // A heart.
        Area::Sundhed => vec![path(
            vec![
                Move(12.0, 20.0),
                Cubic(4.0, 14.0, 2.0, 10.0, 4.5, 6.5),
                Cubic(7.0, 3.5, 11.0, 5.0, 12.0, 8.0),
                Cubic(13.0, 5.0, 17.0, 3.5, 19.5, 6.5),
                Cubic(22.0, 10.0, 20.0, 14.0, 12.0, 20.0),
                Close,
            ],
            true,
        )],
        // A grown-up and a child.
        Area::Familie => vec![
            circle(8.0, 6.5, 3.0, false),
            path(
                vec![
                    Move(3.0, 21.0),
                    Line(3.0, 15.0),
                    Cubic(3.0, 11.0, 13.0, 11.0, 13.0, 15.0),
                    Line(13.0, 21.0),
                ],
                false,
            ),
            circle(17.0, 10.5, 2.3, true),
            path(
                vec![
                    Move(14.0, 21.0),
                    Line(14.0, 17.5),
                    Cubic(14.0, 14.5, 20.0, 14.5, 20.0, 17.5),
                    Line(20.0, 21.0),
                ],
                true,
            ),
        ],
        // A ball.
        Area::Fritid => vec![
            circle(12.0, 12.0, 8.5, false),
            path(
                vec![Move(3.5, 12.0), Cubic(8.0, 9.0, 16.0, 9.0, 20.5, 12.0)],
                false,
            ),
            path(
                vec![Move(12.0, 3.5), Cubic(9.0, 8.0, 9.0, 16.0, 12.0, 20.5)],
                false,
            ),
        ],
        // A coin with a line for the krone.
        Area::Oekonomi => vec![
            circle(12.0, 12.0, 8.5, false),
            path(
                vec![
                    Move(9.0, 8.0),
                    Line(9.0, 16.0),
                    Move(9.0, 12.0),
                    Line(14.5, 8.0),
                    Move(10.5, 11.0),
                    Line(15.0, 16.0),
                ],
                false,
            ),
        ],
        // A house.
        Area::Bolig => vec![
            path(
                vec![Move(3.0, 11.0), Line(12.0, 3.5), Line(21.0, 11.0)],
                false,
            ),
            path(
                vec![
                    Move(5.5, 9.5),
                    Line(5.5, 20.0),
                    Line(18.5, 20.0),
                    Line(18.5, 9.5),
                ],
                false,
            ),
            rect(10.0, 14.0, 4.0, 6.0, 0.5),
        ],
    };
    Scene::new(
        24.0,
        24.0,
        Caption {
            title: label.to_string(),
            desc: String::new(),
        },
        shapes,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::assert_well_laid_out;
    use crate::draw::font::standard;

    #[test]
    fn every_area_has_a_pictogram_inside_its_box() {
        let m = standard();
        for a in Area::ALL {
            let s = area_icon(*a, a.code());
            assert!(!s.shapes.is_empty());
            assert_well_laid_out(&s, &m);
        }
    }
}
