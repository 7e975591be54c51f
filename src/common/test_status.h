// Test assertions for Status and Result<T> (included by *_test.cc and test_* support files only):
// fail with the status's message. Shared by every layer's tests.
#pragma once

#include <gtest/gtest.h>

#include <utility>

#include "common/result.h"
#include "common/status.h"

#define TAIGA_ASSERT_OK(expr)                                           \
  do {                                                                  \
    const ::taiga::common::Status taiga_s_ = (expr);                    \
    ASSERT_TRUE(taiga_s_.ok()) << #expr << ": " << taiga_s_.ToString(); \
  } while (0)
#define TAIGA_EXPECT_OK(expr)                                           \
  do {                                                                  \
    const ::taiga::common::Status taiga_s_ = (expr);                    \
    EXPECT_TRUE(taiga_s_.ok()) << #expr << ": " << taiga_s_.ToString(); \
  } while (0)
// TAIGA_ASSERT_OK_AND_ASSIGN(auto x, Call()): binds the value or fails the test.
#define TAIGA_ASSERT_OK_AND_ASSIGN(lhs, expr) \
  TAIGA_ASSERT_OK_AND_ASSIGN_IMPL_(TAIGA_CONCAT_(taiga_r_, __LINE__), lhs, expr)
#define TAIGA_ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, expr)             \
  auto tmp = (expr);                                                 \
  ASSERT_TRUE(tmp.ok()) << #expr << ": " << tmp.status().ToString(); \
  lhs = std::move(tmp).value()
