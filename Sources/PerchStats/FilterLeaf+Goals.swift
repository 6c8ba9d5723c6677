extension FilterLeaf {
    /// The goals an `event:goal` leaf names (before its negation): those whose display name its
    /// operator matches with one of its clauses. An event completes the leaf when it completes
    /// one of them (`is_not` and the other negations then drop it).
    package func selectedGoals(_ goals: [Goal]) -> [Goal] {
        goals.filter { goal in
            clauses.contains {
                TextMatch.matches(op.positive, value: goal.displayName, clause: $0.text, caseSensitive: caseSensitive)
            }
        }
    }
}
