#include "core/io/torch_zip.h"

#include "core/common/error.h"
#include "core/io/state_dict_unpickler.h"
#include "core/io/tensor_bytes.h"
#include "core/io/zip_checksums.h"

#include <ATen/ATen.h>
#include <c10/util/Exception.h>
#include <caffe2/serialize/inline_container.h>

#include <fstream>
#include <optional>
#include <unordered_map>

namespace bs {

namespace {

constexpr size_t kMaxPickleBytes = 256u * 1024 * 1024;

std::string conversionAdvice() {
    return "re-save it with torch.save(state_dict, path, _use_new_zipfile_serialization=True) "
           "or, better, model.save_pretrained(dir, safe_serialization=True)";
}

// Legacy torch files and non-archives are recognised by their first bytes before
// the zip reader sees them, so that the message can say what to do.
void checkMagic(const std::filesystem::path& path) {
    const std::string file = path.string();
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throwFileError(file, "cannot be opened for reading");
    char head[512] = {};
    in.read(head, sizeof head);
    const auto got = static_cast<size_t>(in.gcount());
    if (got >= 1 && static_cast<unsigned char>(head[0]) == 0x80)
        throwFileError(file, "uses the legacy (pre-1.6, non-zip) torch serialization format, "
                             "which BasinScope does not read because it needs a full pickle "
                             "interpreter; " +
                                 conversionAdvice());
    if (got >= 262 && std::string(head + 257, 5) == "ustar")
        throwFileError(file, "is a tar archive (the oldest torch serialization format), which "
                             "BasinScope does not read; " +
                                 conversionAdvice());
    if (got < 4 || std::string(head, 4) != std::string("PK\x03\x04", 4))
        throwFileError(file, got < 4 ? "truncated: too short to be a zip archive"
                                     : "not a zip archive (torch.save format) nor a legacy "
                                       "torch file");
}

std::string torchMessage(const c10::Error& e) {
    std::string text = e.what_without_backtrace();
    const auto newline = text.find('\n');
    return newline == std::string::npos ? text : text.substr(0, newline);
}

} // namespace

struct TorchZipFile::Impl {
    std::unique_ptr<caffe2::serialize::PyTorchStreamReader> reader;
    std::optional<ZipChecksums> checksums;
    std::vector<PickledTensor> entries;
    std::unordered_map<std::string, size_t> index;
};

TorchZipFile::~TorchZipFile() = default;

TorchZipFile::TorchZipFile(const std::filesystem::path& path)
    : m_path(path)
    , m_impl(std::make_unique<Impl>()) {
    const std::string file = path.string();
    checkMagic(path);
    auto& reader = m_impl->reader;
    try {
        m_impl->checksums.emplace(path);
        const ZipChecksums& checksums = *m_impl->checksums;
        checksums.requireTorchLayout();
        reader = std::make_unique<caffe2::serialize::PyTorchStreamReader>(file);
        if (reader->hasRecord("byteorder")) {
            checksums.requireReadable("byteorder");
            auto [data, size] = reader->getRecord("byteorder");
            checksums.verify("byteorder", data.get(), size);
            const std::string order(static_cast<const char*>(data.get()), size);
            if (order != "little")
                throwFileError(file, "tensors are stored in '" + order +
                                         "' byte order; only little-endian archives are read");
        }
        if (!reader->hasRecord("data.pkl"))
            throwFileError(file, "the archive has no data.pkl record; it is not a "
                                 "torch.save(state_dict) file");
        checksums.requireReadable("data.pkl");
        auto [pickle, pickleSize] = reader->getRecord("data.pkl");
        if (pickleSize > kMaxPickleBytes)
            throwFileError(file, "data.pkl is " + std::to_string(pickleSize) +
                                     " bytes, too large for a state dict");
        checksums.verify("data.pkl", pickle.get(), pickleSize);
        m_impl->entries =
            unpickleStateDict(static_cast<const uint8_t*>(pickle.get()), pickleSize, file);
        for (const PickledTensor& t : m_impl->entries)
            if (!reader->hasRecord("data/" + t.storageKey))
                throwFileError(file, "tensor '" + t.name + "' refers to storage record 'data/" +
                                         t.storageKey +
                                         "', which the archive does not contain (incomplete or "
                                         "corrupt file)");
    } catch (const c10::Error& e) {
        throwFileError(file, "not a readable torch zip archive (truncated or corrupt?): " +
                                 torchMessage(e));
    }
    for (size_t i = 0; i < m_impl->entries.size(); ++i) {
        const PickledTensor& t = m_impl->entries[i];
        m_impl->index.emplace(t.name, i);
        m_tensors.push_back(TensorInfo{t.name, t.dtype, t.sizes});
    }
}

bool TorchZipFile::contains(const std::string& name) const {
    return m_impl->index.count(name) > 0;
}

at::Tensor TorchZipFile::read(const std::string& name, at::ScalarType dtype) const {
    const std::string file = m_path.string();
    const auto it = m_impl->index.find(name);
    if (it == m_impl->index.end())
        throwFileError(file, "no tensor named '" + name + "' (the archive has " +
                                 std::to_string(m_tensors.size()) + " tensors)");
    const PickledTensor& t = m_impl->entries[it->second];
    const int elementSize = dtypeSize(t.dtype);
    at::DataPtr data;
    size_t size = 0;
    m_impl->checksums->requireReadable("data/" + t.storageKey);
    try {
        std::tie(data, size) = m_impl->reader->getRecord("data/" + t.storageKey);
    } catch (const c10::Error& e) {
        throwFileError(file, "cannot read storage 'data/" + t.storageKey + "' of tensor '" + name +
                                 "': " + torchMessage(e));
    }
    m_impl->checksums->verify("data/" + t.storageKey, data.get(), size);
    const auto expected = checkedNumel({t.storageNumel}, elementSize);
    if (!expected || size != static_cast<size_t>(t.storageNumel) * elementSize)
        throwFileError(file, "storage 'data/" + t.storageKey + "' of tensor '" + name + "' holds " +
                                 std::to_string(size) + " bytes, but the pickle declares " +
                                 std::to_string(t.storageNumel) + " elements of " +
                                 dtypeName(t.dtype));
    const int64_t numel = *checkedNumel(t.sizes);
    if (numel == 0)
        return at::empty(t.sizes, at::TensorOptions().dtype(dtype));
    const at::ScalarType source = toScalarType(t.dtype);
    // The record was just read into memory of its own: when it is exactly this tensor in
    // the requested type, hand it over instead of copying it again.
    if (source == dtype && t.dtype != DType::Bool && t.storageOffset == 0 &&
        numel == t.storageNumel && t.strides == contiguousStrides(t.sizes)) {
        c10::Storage storage(c10::Storage::use_byte_size_t(), size, std::move(data), nullptr,
                             false);
        return at::empty({0}, at::TensorOptions().dtype(dtype))
            .set_(storage, 0, t.sizes, t.strides);
    }
    const auto* base = static_cast<const uint8_t*>(data.get());
    return tensorFromBytes(base + t.storageOffset * elementSize, t.dtype, t.sizes, t.strides,
                           dtype);
}

} // namespace bs
