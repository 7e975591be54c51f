// PreparedStatement: one SQL statement prepared once on a soci::session and executed many
// times, with typed parameters and columns (std::optional<T> for nullable ones). It owns the
// buffers SOCI binds to, so re-running costs a bind + step instead of a parse. Lives in a
// SqlConnection's cache; not thread-safe. Every method throws soci::soci_error on failure.
#pragma once

#include <soci/soci.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

namespace taiga::db {

template <typename... T>
struct Params {};
template <typename... T>
struct Columns {};

class PreparedStatementBase {
 public:
  virtual ~PreparedStatementBase() = default;
};

namespace prepared_internal {

template <typename T>
struct Storage {
  using type = T;
  static constexpr bool kNullable = false;
};
template <typename T>
struct Storage<std::optional<T>> {
  using type = T;
  static constexpr bool kNullable = true;
};

}  // namespace prepared_internal

template <typename P, typename C>
class PreparedStatement;

template <typename... P, typename... C>
class PreparedStatement<Params<P...>, Columns<C...>> final : public PreparedStatementBase {
 public:
  using Row = std::tuple<C...>;

  // Prepares `sql` (placeholders :name, bound in order of appearance) on `session`.
  PreparedStatement(soci::session& session, const char* sql) : statement_(session) {
    statement_.alloc();
    ExchangeParams(std::index_sequence_for<P...>{});
    ExchangeColumns(std::index_sequence_for<C...>{});
    statement_.prepare(sql);
    statement_.define_and_bind();
  }

  // Sets the parameters of the next execution. Returns *this for chaining.
  PreparedStatement& Bind(const P&... params) {
    BindParams(std::index_sequence_for<P...>{}, params...);
    return *this;
  }

  // Executes and calls on_row(Row&&) for every row, in order. Always reads to the end, so the
  // statement holds no cursor (or SQLite read lock) afterwards.
  template <typename F>
  void ForEach(F&& on_row) {
    bool got = statement_.execute(true);
    while (got) {
      on_row(MakeRow(std::index_sequence_for<C...>{}));
      got = statement_.fetch();
    }
  }

  // Executes; returns the first row, or nullopt when there is none.
  std::optional<Row> First() {
    std::optional<Row> first;
    ForEach([&](Row&& row) {
      if (!first) first = std::move(row);
    });
    return first;
  }

  // Executes a statement without result rows; returns the number of rows it changed.
  long long Exec() {
    ForEach([](Row&&) {});
    return statement_.get_affected_rows();
  }

 private:
  template <typename T>
  using StorageOf = typename prepared_internal::Storage<T>::type;

  template <std::size_t... I>
  void ExchangeParams(std::index_sequence<I...>) {
    (statement_.exchange(soci::use(std::get<I>(params_), param_indicators_[I])), ...);
  }
  template <std::size_t... I>
  void ExchangeColumns(std::index_sequence<I...>) {
    (statement_.exchange(soci::into(std::get<I>(columns_), column_indicators_[I])), ...);
  }

  template <std::size_t I, typename T>
  void BindOne(const T& value) {
    if constexpr (prepared_internal::Storage<T>::kNullable) {
      param_indicators_[I] = value ? soci::i_ok : soci::i_null;
      if (value) std::get<I>(params_) = *value;
    } else {
      param_indicators_[I] = soci::i_ok;
      std::get<I>(params_) = value;
    }
  }
  template <std::size_t... I>
  void BindParams(std::index_sequence<I...>, const P&... params) {
    (BindOne<I>(params), ...);
  }

  template <std::size_t I>
  auto Column() {
    using T = std::tuple_element_t<I, Row>;
    const bool is_null = column_indicators_[I] == soci::i_null;
    if constexpr (prepared_internal::Storage<T>::kNullable) {
      return is_null ? T() : T(std::get<I>(columns_));
    } else {
      if (is_null) throw soci::soci_error("unexpected NULL in result column " + std::to_string(I));
      return std::get<I>(columns_);
    }
  }
  template <std::size_t... I>
  Row MakeRow(std::index_sequence<I...>) {
    return Row(Column<I>()...);
  }

  std::tuple<StorageOf<P>...> params_;
  std::array<soci::indicator, sizeof...(P)> param_indicators_{};
  std::tuple<StorageOf<C>...> columns_;
  std::array<soci::indicator, sizeof...(C)> column_indicators_{};
  soci::statement statement_;  // last: destroyed first, while the buffers still exist
};

}  // namespace taiga::db
