/// SQL text with its bound values kept in place, so placeholders are numbered only when a
/// dialect renders the whole statement and no value is ever spliced into the text.
package struct SQLFragment: Sendable, Hashable, ExpressibleByStringInterpolation {
    enum Part: Sendable, Hashable {
        case text(String)
        case value(SQLValue)
    }

    private(set) var parts: [Part] = []

    package init(stringLiteral value: String) {
        parts = [.text(value)]
    }

    package init(stringInterpolation: Interpolation) {
        parts = stringInterpolation.parts
    }

    init(parts: [Part]) {
        self.parts = parts
    }

    package var isEmpty: Bool { parts.allSatisfy { $0 == .text("") } }

    package static func value(_ value: SQLValue) -> SQLFragment {
        SQLFragment(parts: [.value(value)])
    }

    package static func + (lhs: SQLFragment, rhs: SQLFragment) -> SQLFragment {
        SQLFragment(parts: lhs.parts + rhs.parts)
    }

    package static func += (lhs: inout SQLFragment, rhs: SQLFragment) {
        lhs.parts += rhs.parts
    }

    package static func joined(_ fragments: [SQLFragment], separator: String) -> SQLFragment {
        var out = SQLFragment(parts: [])
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { out.parts.append(.text(separator)) }
            out += fragment
        }
        return out
    }

    /// The statement text with the dialect's placeholders, and the values in placeholder order.
    package func render(_ dialect: some SQLDialect) -> PlannedStatement {
        var sql = ""
        var values: [SQLValue] = []
        for part in parts {
            switch part {
            case .text(let text): sql += text
            case .value(let value):
                values.append(value)
                sql += dialect.placeholder(values.count, for: value)
            }
        }
        return PlannedStatement(sql: sql, parameters: values)
    }

    package struct Interpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        package init(literalCapacity: Int, interpolationCount: Int) {}

        package mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { parts.append(.text(literal)) }
        }

        package mutating func appendInterpolation(_ fragment: SQLFragment) {
            parts += fragment.parts
        }

        package mutating func appendInterpolation(bind value: SQLValue) {
            parts.append(.value(value))
        }

        package mutating func appendInterpolation(bind value: Int64) {
            parts.append(.value(.integer(value)))
        }

        package mutating func appendInterpolation(bind value: String) {
            parts.append(.value(.text(value)))
        }

        /// Planner-made text only (aliases, column names): never a user value.
        package mutating func appendInterpolation(raw text: String) {
            parts.append(.text(text))
        }
    }
}

/// One statement ready for an executor.
package struct PlannedStatement: Sendable, Hashable {
    package var sql: String
    package var parameters: [SQLValue]
}
