import Lessons
import Testing

/// What a lesson waits for, in words a learner reads on the goal line.
@Suite struct LessonTextTests {
    @Test func conditionsReadAsSentences() {
        #expect(LessonText.condition("violations=atomicity") == "the invariant atomicity is broken")
        #expect(LessonText.condition("violations=none") == "no invariant is broken")
        #expect(LessonText.condition("assumptions=reliable-links") == "the assumption reliable-links is broken")
        #expect(LessonText.condition("C2.state=I") == "C2's state is I")
        #expect(LessonText.condition("leader") == "a leader is elected")
    }

    /// A wait that stepping cannot meet (it has `solve=`) never says
    /// "space steps"; it points at the hint instead (a reviewer pressed
    /// space at "wait until C2's state is I (space steps)" and got nowhere).
    @Test func aWaitThatSpaceCannotMeetSaysSo() {
        let wait = WaitAction.until(query: "C2.state=I")
        #expect(LessonText.describe(wait) == "wait until C2's state is I (space steps)")
        #expect(LessonText.describe(wait, solved: true) == "get to where C2's state is I (space alone will not: h for a hint)")
    }
}
