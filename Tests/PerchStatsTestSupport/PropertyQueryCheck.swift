import PerchCore
import PerchStats

/// One drawn query of a property case, checked on whichever store answers it: one time in eight
/// it is twisted into an invalid query, which must be refused with the twist's message; otherwise
/// its answer must equal `StatsOracle`'s brute force over the world's rows. The draws are those
/// both stores' property tests always made, so their seeds replay as before.
package enum PropertyQueryCheck {
    /// What is wrong with the answer to `query` (or its invalid twist), or nil; `answer` asks the
    /// store under test and throws `QueryError` for a refusal.
    package static func failure(
        of query: PropertyQuery, in world: PropertyWorld, _ random: inout SplitMix64,
        answer: (String) async throws -> JSONValue
    ) async -> String? {
        if random.chance(8) {
            let (invalid, refused) = InvalidQueryTwist.apply(query, &random)
            return await refusal(invalid, refused, answer: answer)
        }
        let context =
            "query \(query.body) on site \(query.site.id) (\(query.site.zone), goals "
            + "\(query.site.goals.map(\.displayName))) at now=\(world.now)"
        let answered: JSONValue
        do {
            answered = try await answer(query.body)
        } catch let error as QueryError {
            return "\(context): refused with \(error.message)"
        } catch {
            return "\(context): failed with \(error)"
        }
        let oracle = StatsOracle(world: world, query: query)
        let labels =
            query.timeLabels
            ? query.dimensions.lazy.compactMap { dimension -> [String]? in
                guard case .time(let granularity?) = dimension else { return nil }
                return oracle.timeLabels(granularity)
            }.first : nil
        let problems = StatsResultComparison.differences(oracle.rows(), answered, query, timeLabels: labels)
        return problems.isEmpty ? nil : "\(context):\n  " + problems.prefix(8).joined(separator: "\n  ")
    }

    /// Nil when the store refuses `query` with a message containing `refused`.
    private static func refusal(
        _ query: PropertyQuery, _ refused: String, answer: (String) async throws -> JSONValue
    ) async -> String? {
        do {
            let answered = try await answer(query.body)
            return "query \(query.body) answered \(answered.json), expected a 400 with \(refused)"
        } catch let error as QueryError {
            return error.message.contains(refused) ? nil : "query \(query.body) refused with \(error.message)"
        } catch {
            return "query \(query.body) failed with \(error), expected a 400 with \(refused)"
        }
    }
}
