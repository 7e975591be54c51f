// Read-back checks with Debian's python3-h5py and python3-pandas, as taigapy reads our files:
// HDF5 matrices through h5py (dim_0/dim_1 bytes decoded as UTF-8, data as float64) and tables
// through pandas.read_csv with the column types map as dtype. Also the reverse: HDF5 files
// written with h5py the way the original Taiga wrote them, exported by us. Skipped only when
// /usr/bin/python3 has no h5py or pandas.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "convert/file_byte_sink.h"
#include "convert/matrix_export.h"
#include "convert/matrix_import.h"
#include "convert/table_export.h"
#include "convert/table_import.h"

namespace taiga::convert {
namespace {

constexpr char kPython[] = "/usr/bin/python3";

// Runs `script` with /usr/bin/python3; returns its exit status, output in `out`.
int RunPython(const std::string& script, const std::filesystem::path& dir, std::string& out) {
  std::filesystem::path file = dir / "check.py";
  std::ofstream(file) << script;
  std::string cmd = std::string(kPython) + " " + file.string() + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return -1;
  char buf[4096];
  size_t n;
  out.clear();
  while ((n = std::fread(buf, 1, sizeof(buf), p)) > 0) out.append(buf, n);
  return ::pclose(p);
}

class Readback : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("taiga-readback-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::string out;
    if (RunPython("import h5py, pandas\n", dir_, out) != 0) {
      GTEST_SKIP() << kPython << " cannot import h5py and pandas (apt-get install python3-h5py "
                   << "python3-pandas); the read-back checks are skipped: " << out;
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const char* name) const { return (dir_ / name).string(); }
  void ExpectPythonOk(const std::string& script) {
    std::string out;
    EXPECT_EQ(RunPython(script, dir_, out), 0) << out;
  }

  std::filesystem::path dir_;
};

TEST_F(Readback, TaigapyReadsOurMatrices) {
  StringByteSource csv(",caf\xC3\xA9,\"a,b\"\nr1,1.5,NA\nr\xC3\xA9,1e300,nan\n");
  NullProgressSink progress;
  ASSERT_TRUE(ImportMatrix(csv, {}, Path("m.hdf5"), progress).ok());
  ExpectPythonOk(R"(
import h5py, numpy as np, pandas as pd
f = h5py.File(")" +
                 Path("m.hdf5") + R"(", "r")
# what taigapy's read_hdf5 does
df = pd.DataFrame(index=[x.decode("utf8") for x in f["dim_0"]],
                  columns=[x.decode("utf8") for x in f["dim_1"]], data=f["data"][:])
assert list(df.index) == ["r1", "r\u00e9"], df.index
assert list(df.columns) == ["caf\u00e9", "a,b"], df.columns
assert df.values.dtype == np.float64
assert df.iloc[0, 0] == 1.5 and np.isnan(df.iloc[0, 1]) and df.iloc[1, 0] == 1e300
assert int(np.isnan(df.values).sum()) == 2
d = f["data"]
assert d.shape == (2, 2) and d.dtype == np.float64
assert d.chunks is None and d.compression is None, (d.chunks, d.compression)
assert d.attrs["id"] == "0"
assert f["dim_0"].attrs["name"] == "row_axis" and f["dim_1"].attrs["name"] == "col_axis"
info = h5py.check_string_dtype(f["dim_0"].dtype)
assert info.length is None and info.encoding == "ascii", info   # vlen bytes, as h5py wrote them
assert "gct_description" not in f
)");
}

// Longer than one block: extendible, chunked datasets, which h5py reads as any other.
TEST_F(Readback, TaigapyReadsMatricesWrittenInManyBlocks) {
  std::string text = "x,y,z\n";
  for (int i = 0; i < 1000; ++i) {
    text +=
        "r" + std::to_string(i) + "," + std::to_string(i) + ".5,NA," + std::to_string(-i) + "\n";
  }
  StringByteSource csv(text);
  NullProgressSink progress;
  ASSERT_TRUE(ImportMatrix(csv, {.block_bytes = 8 * 3 * 7}, Path("m.hdf5"), progress).ok());
  ExpectPythonOk(R"(
import h5py, numpy as np, pandas as pd
f = h5py.File(")" +
                 Path("m.hdf5") + R"(", "r")
df = pd.DataFrame(index=[x.decode("utf8") for x in f["dim_0"]],
                  columns=[x.decode("utf8") for x in f["dim_1"]], data=f["data"][:])
assert df.shape == (1000, 3), df.shape
assert list(df.index[:2]) == ["r0", "r1"] and df.index[-1] == "r999"
assert list(df["x"]) == [i + 0.5 for i in range(1000)]
assert np.isnan(df["y"]).all() and list(df["z"]) == [-float(i) for i in range(1000)]
assert f["data"].chunks is not None and f["data"].maxshape == (None, 3), f["data"].maxshape
assert f["dim_0"].shape == (1000,) and f["data"].attrs["id"] == "0"
)");
}

TEST_F(Readback, GctDescriptionsAreStored) {
  StringByteSource gct("#1.2\n1\t2\nName\tDescription\ta\tb\nr\tthe r\t1\t2\n");
  NullProgressSink progress;
  ASSERT_TRUE(ImportMatrix(gct, {.format = MatrixFormat::kGct}, Path("g.hdf5"), progress).ok());
  ExpectPythonOk(R"(
import h5py
f = h5py.File(")" +
                 Path("g.hdf5") + R"(", "r")
assert [x.decode() for x in f["gct_description"]] == ["the r"]
assert f["gct_description"].attrs["name"] == "row_description"
)");
}

TEST_F(Readback, FilesTheOriginalWroteExportAsItExported) {
  // The original's _convert_to_hdf5_file, and a variant with fixed-length names.
  ExpectPythonOk(R"(
import h5py, numpy as np
for name, dt in [("orig.hdf5", h5py.special_dtype(vlen=bytes)), ("fixed.hdf5", "S8")]:
    with h5py.File(")" +
                 dir_.string() + R"(/" + name, "w") as f:
        data = f.create_dataset("data", (2, 3), "d")
        data.attrs["id"] = "0"
        data[0:2, :] = np.array([[1.0, np.nan, 1e-05], [1e16, -0.0, 123456789.125]])
        d0 = f.create_dataset("dim_0", (2,), dtype=dt)
        d0[:] = [b"r1", "r\u00e9".encode()]
        d0.attrs["name"] = "row_axis"
        d1 = f.create_dataset("dim_1", (3,), dtype=dt)
        d1[:] = [b"a", b"b,c", b"d"]
        d1.attrs["name"] = "col_axis"
)");
  for (const char* name : {"orig.hdf5", "fixed.hdf5"}) {
    StringByteSink sink;
    NullProgressSink progress;
    ASSERT_TRUE(ExportMatrix(Path(name), {}, sink, progress).ok()) << name;
    EXPECT_EQ(sink.data(),
              ",a,\"b,c\",d\r\nr1,1.0,NA,1e-05\r\nr\xC3\xA9,1e+16,-0.0,123456789.125\r\n")
        << name;
  }
}

TEST_F(Readback, PandasReadsOurTableExportWithTheColumnTypes) {
  StringByteSource csv(
      "id,n,x,flag,name\n1,10,1.5,True,a\n2,,NA,,\"b,c\"\n3,5000000000,2,FALSE,NA\n");
  StringByteSink columnar;
  NullProgressSink progress;
  common::Result<TableImportSummary> s = ImportTable(csv, {}, columnar, progress);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::string dtype = "{";
  for (const auto& [name, type] : s->column_types) dtype += "\"" + name + "\": \"" + type + "\",";
  dtype += "}";
  StringByteSource stored(columnar.Take());
  std::unique_ptr<FileByteSink> out = std::move(FileByteSink::Create(Path("t.csv"))).value();
  ASSERT_TRUE(ExportTable(stored, {}, *out, progress).ok());
  ExpectPythonOk(R"(
import pandas as pd
df = pd.read_csv(")" +
                 Path("t.csv") + R"(", dtype=)" + dtype + R"()
assert str(df.dtypes["id"]) == "int64" and str(df.dtypes["n"]) == "Int64", df.dtypes
assert str(df.dtypes["x"]) == "float64" and str(df.dtypes["flag"]) == "boolean", df.dtypes
assert df["n"].tolist()[2] == 5000000000 and df["n"].isna().tolist() == [False, True, False]
assert df["flag"].isna().tolist() == [False, True, False] and df["flag"][2] == False
assert df["name"][1] == "b,c" and df["x"].isna().sum() == 1
)");
}

}  // namespace
}  // namespace taiga::convert
