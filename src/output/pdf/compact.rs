//! A page's drawing held in fewer operations (each takes 128 bytes until the file is made).

use printpdf::Op;

/// A page's drawing in fewer operations, drawn the same. Every text is drawn as a text
/// section of its own, with its colour, font and place (charts::pdf::text); here, texts that
/// follow each other share one section, and a colour, font, line width or dash already in
/// force is not set again. A text takes about four operations instead of six (each held
/// takes 128 bytes until the file is made). Compacting a compacted page changes nothing.
/// Texts must be placed on the page (`Tm`), as charts::pdf::text does: a move (`Td`) would
/// be from the text before.
#[derive(Default)]
pub struct Compact {
    set: [Option<Op>; 5],
    /// A text section's end, held back in case another section starts right after it.
    ended: bool,
}

impl Compact {
    /// The state an operation sets, where it is one the pages set again and again.
    fn slot(op: &Op) -> Option<usize> {
        match op {
            Op::SetFillColor { .. } => Some(0),
            Op::SetOutlineColor { .. } => Some(1),
            Op::SetOutlineThickness { .. } => Some(2),
            Op::SetLineDashPattern { .. } => Some(3),
            Op::SetFont { .. } => Some(4),
            _ => None,
        }
    }

    /// Add the next of a page's operations to `out`.
    pub fn push(&mut self, out: &mut Vec<Op>, op: Op) {
        if std::mem::take(&mut self.ended) {
            if matches!(op, Op::StartTextSection) {
                // A new line instead of a new section: it moves nothing (the next text is
                // placed where it goes), but text is taken out of the file line by line, as
                // it was from sections of their own.
                out.push(Op::AddLineBreak);
                return;
            }
            out.push(Op::EndTextSection);
        }
        match op {
            Op::EndTextSection => self.ended = true,
            // What a restore brings back is not known here: everything is set again after it.
            Op::RestoreGraphicsState => {
                self.set = Default::default();
                out.push(op);
            }
            op => match Self::slot(&op) {
                Some(i) if self.set[i].as_ref() == Some(&op) => {}
                Some(i) => {
                    self.set[i] = Some(op.clone());
                    out.push(op);
                }
                None => out.push(op),
            },
        }
    }

    /// The page's last operations.
    pub fn finish(self, out: &mut Vec<Op>) {
        if self.ended {
            out.push(Op::EndTextSection);
        }
    }

    /// A whole page at once.
    pub fn page(ops: Vec<Op>) -> Vec<Op> {
        let mut out = Vec::with_capacity(ops.len());
        let mut c = Compact::default();
        for op in ops {
            c.push(&mut out, op);
        }
        c.finish(&mut out);
        out.shrink_to_fit();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::palette::{INK, MUTED};
    use crate::draw::pdf::text;
    use crate::draw::scene::Weight;
    use crate::output::pdf::doc::faces;

    #[test]
    fn texts_that_follow_each_other_share_a_section_and_state_is_set_once() {
        let f = faces();
        let m = crate::draw::font::standard();
        let put = |ops: &mut Vec<Op>, (x, y), s, weight, fill| {
            text(ops, &f, &m, 800.0, (x, y), s, 10.0, weight, fill)
        };
        let mut ops = Vec::new();
        put(&mut ops, (10.0, 20.0), "Trin 3", Weight::Bold, INK);
        put(&mut ops, (60.0, 20.0), "Job", Weight::Bold, INK);
        put(&mut ops, (10.0, 40.0), "Familien", Weight::Regular, MUTED);
        assert_eq!(ops.len(), 18, "six operations a text as drawn");
        let small = Compact::page(ops.clone());
        let count = |f: fn(&Op) -> bool| small.iter().filter(|o| f(o)).count();
        assert_eq!(count(|o| matches!(o, Op::StartTextSection)), 1);
        assert_eq!(count(|o| matches!(o, Op::EndTextSection)), 1);
        assert_eq!(
            count(|o| matches!(o, Op::AddLineBreak)),
            2,
            "a line for each text"
        );
        assert_eq!(
            count(|o| matches!(o, Op::SetFont { .. })),
            2,
            "bold once, then regular"
        );
        assert_eq!(count(|o| matches!(o, Op::SetFillColor { .. })), 2);
        assert_eq!(
            count(|o| matches!(o, Op::SetTextMatrix { .. })),
            3,
            "each placed"
        );
        assert_eq!(count(|o| matches!(o, Op::ShowText { .. })), 3);
        assert_eq!(small.len(), 14, "of 18");
        assert!(matches!(small.last(), Some(Op::EndTextSection)));
        assert_eq!(
            Compact::page(small.clone()),
            small,
            "compacting again changes nothing"
        );

        // After a restore, nothing is taken to be in force.
        let mut ops = Vec::new();
        put(&mut ops, (10.0, 20.0), "a", Weight::Bold, INK);
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::RestoreGraphicsState);
        put(&mut ops, (10.0, 40.0), "b", Weight::Bold, INK);
        let small = Compact::page(ops);
        let fonts = small
            .iter()
            .filter(|o| matches!(o, Op::SetFont { .. }))
            .count();
        assert_eq!(fonts, 2, "the font is set again after the restore");
    }
}
