#pragma once
// PickleBuilder and writeTorchArchive: build torch.save-style archives byte by byte in tests.
//
// The opcodes follow the pickle protocol 2 specification (Python's pickletools docs);
// the layout (data.pkl, data/<key>, byteorder, version) follows what torch.save writes.

#include <ATen/ATen.h>
#include <caffe2/serialize/inline_container.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bs::test {

class PickleBuilder {
public:
    PickleBuilder& proto(uint8_t version = 2) { return op(0x80).u8(version); }
    PickleBuilder& global(const std::string& module, const std::string& name) {
        m_out += 'c' + module + '\n' + name + '\n';
        return *this;
    }
    PickleBuilder& mark() { return op('('); }
    PickleBuilder& tuple() { return op('t'); }
    PickleBuilder& tuple2() { return op(0x86); }
    PickleBuilder& emptyTuple() { return op(')'); }
    PickleBuilder& emptyDict() { return op('}'); }
    PickleBuilder& emptyList() { return op(']'); }
    PickleBuilder& reduce() { return op('R'); }
    PickleBuilder& build() { return op('b'); }
    PickleBuilder& setitem() { return op('s'); }
    PickleBuilder& setitems() { return op('u'); }
    PickleBuilder& append() { return op('a'); }
    PickleBuilder& binpersid() { return op('Q'); }
    PickleBuilder& newFalse() { return op(0x89); }
    PickleBuilder& newTrue() { return op(0x88); }
    PickleBuilder& none() { return op('N'); }
    PickleBuilder& stop() { return op('.'); }
    PickleBuilder& put(uint8_t index) { return op('q').u8(index); }
    PickleBuilder& get(uint8_t index) { return op('h').u8(index); }
    PickleBuilder& unicode(const std::string& s) {
        op('X').le(s.size(), 4);
        m_out += s;
        return *this;
    }
    // BININT1 / BININT2 / BININT / LONG1, whichever pickle would choose.
    PickleBuilder& integer(int64_t v) {
        if (v >= 0 && v < 256)
            return op('K').u8(static_cast<uint8_t>(v));
        if (v >= 0 && v < 65536)
            return op('M').le(static_cast<uint64_t>(v), 2);
        if (v >= INT32_MIN && v <= INT32_MAX)
            return op('J').le(static_cast<uint64_t>(static_cast<uint32_t>(v)), 4);
        return op(0x8a).u8(8).le(static_cast<uint64_t>(v), 8);
    }
    PickleBuilder& intTuple(const std::vector<int64_t>& values) {
        mark();
        for (int64_t v : values)
            integer(v);
        return tuple();
    }
    PickleBuilder& raw(const std::string& bytes) {
        m_out += bytes;
        return *this;
    }

    // Pushes torch._utils._rebuild_tensor_v2(storage, offset, sizes, strides, False,
    // OrderedDict()).
    PickleBuilder& tensor(const std::string& storageType, const std::string& key, int64_t numel,
                          int64_t offset, const std::vector<int64_t>& sizes,
                          const std::vector<int64_t>& strides) {
        global("torch._utils", "_rebuild_tensor_v2");
        mark();
        mark().unicode("storage").global("torch", storageType).unicode(key).unicode("cpu");
        integer(numel).tuple().binpersid();
        integer(offset).intTuple(sizes).intTuple(strides).newFalse();
        global("collections", "OrderedDict").emptyTuple().reduce();
        return tuple().reduce();
    }

    const std::string& bytes() const { return m_out; }

private:
    PickleBuilder& op(uint8_t code) {
        m_out += static_cast<char>(code);
        return *this;
    }
    PickleBuilder& u8(uint8_t v) { return op(v); }
    PickleBuilder& le(uint64_t v, int n) {
        for (int i = 0; i < n; ++i)
            m_out += static_cast<char>((v >> (8 * i)) & 0xff);
        return *this;
    }
    std::string m_out;
};

// A torch.save-like zip: data.pkl, the storages as data/<key>, byteorder and version.
inline void writeTorchArchive(const std::string& path, const std::string& pickle,
                              const std::map<std::string, std::string>& storages,
                              bool withByteorder = true) {
    caffe2::serialize::PyTorchStreamWriter writer(path);
    writer.writeRecord("data.pkl", pickle.data(), pickle.size());
    if (withByteorder)
        writer.writeRecord("byteorder", "little", 6);
    for (const auto& [key, bytes] : storages)
        writer.writeRecord("data/" + key, bytes.data(), bytes.size());
    writer.writeEndOfFile();
}

// The raw bytes of a contiguous CPU tensor.
inline std::string tensorBytes(const at::Tensor& t) {
    const at::Tensor c = t.contiguous();
    return std::string(static_cast<const char*>(c.data_ptr()), c.numel() * c.element_size());
}

// A state-dict pickle (OrderedDict of name -> contiguous tensor), one storage per tensor
// with keys "0", "1", ...; fills `storages` with the matching bytes.
inline std::string stateDictPickle(const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                                   std::map<std::string, std::string>& storages) {
    PickleBuilder p;
    p.proto().global("collections", "OrderedDict").emptyTuple().reduce().mark();
    for (size_t i = 0; i < tensors.size(); ++i) {
        const at::Tensor& t = tensors[i].second;
        const std::string type = t.scalar_type() == at::kFloat    ? "FloatStorage"
                                 : t.scalar_type() == at::kHalf   ? "HalfStorage"
                                 : t.scalar_type() == at::kDouble ? "DoubleStorage"
                                 : t.scalar_type() == at::kLong   ? "LongStorage"
                                                                  : "BFloat16Storage";
        const std::string key = std::to_string(i);
        p.unicode(tensors[i].first);
        p.tensor(type, key, t.numel(), 0, t.sizes().vec(), t.contiguous().strides().vec());
        storages[key] = tensorBytes(t);
    }
    p.setitems().stop();
    return p.bytes();
}

} // namespace bs::test
