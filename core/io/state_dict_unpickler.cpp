#include "core/io/state_dict_unpickler.h"

#include "core/common/error.h"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <optional>
#include <unordered_map>

namespace bs {

namespace {

// Callables and classes a state dict may name; everything else is refused.
enum class Global {
    OrderedDict,
    RebuildTensorV2,
    RebuildParameter,
    RebuildParameterWithState,
    StorageType,
};

enum class Kind { None, Bool, Int, Float, String, Tuple, List, Dict, Global, Storage, Tensor };

const char* kindName(Kind kind) {
    switch (kind) {
    case Kind::None:
        return "None";
    case Kind::Bool:
        return "bool";
    case Kind::Int:
        return "int";
    case Kind::Float:
        return "float";
    case Kind::String:
        return "str";
    case Kind::Tuple:
        return "tuple";
    case Kind::List:
        return "list";
    case Kind::Dict:
        return "dict";
    case Kind::Global:
        return "global";
    case Kind::Storage:
        return "storage";
    case Kind::Tensor:
        return "tensor";
    }
    return "?";
}

// Values live in one arena and refer to each other by index, so that a hostile pickle
// that builds cycles (a list appended to itself) cannot leak or recurse.
struct Value {
    Kind kind = Kind::None;
    int64_t integer = 0;       // Int, Bool; Storage: numel
    double real = 0.0;         // Float
    std::string text;          // String; Storage: key
    std::vector<size_t> items; // Tuple, List; Dict: key0, value0, key1, value1, ...
    Global global = Global::OrderedDict;
    DType dtype = DType::F32; // Global StorageType, Storage
    PickledTensor tensor;     // Tensor (name unset)
};

std::optional<DType> storageDType(const std::string& name) {
    static const std::pair<const char*, DType> table[] = {
        {"FloatStorage", DType::F32}, {"DoubleStorage", DType::F64},
        {"HalfStorage", DType::F16},  {"BFloat16Storage", DType::BF16},
        {"LongStorage", DType::I64},  {"IntStorage", DType::I32},
        {"ShortStorage", DType::I16}, {"CharStorage", DType::I8},
        {"ByteStorage", DType::U8},   {"BoolStorage", DType::Bool}};
    for (const auto& [text, dtype] : table)
        if (name == text)
            return dtype;
    return std::nullopt;
}

class Unpickler {
public:
    Unpickler(const uint8_t* data, size_t size, std::string file)
        : m_data(data)
        , m_size(size)
        , m_file(std::move(file)) {}

    std::vector<PickledTensor> run() {
        for (;;) {
            m_opPos = m_pos;
            const uint8_t op = byte();
            if (op == '.')
                break;
            step(op);
        }
        if (m_stack.size() != 1)
            fail("STOP with " + std::to_string(m_stack.size()) +
                 " values on the stack, expected exactly one");
        return stateDict(m_stack.back());
    }

private:
    static constexpr size_t kMaxValues = 50'000'000;
    static constexpr size_t kMaxStringBytes = 1u << 20;

    [[noreturn]] void fail(const std::string& message) const {
        throwFileError(m_file, "data.pkl, byte " + std::to_string(m_opPos) + ": " + message);
    }

    // ---- reading the byte stream -------------------------------------------------
    void need(size_t n) const {
        if (n > m_size - m_pos)
            fail("the pickle ends in the middle of an instruction (truncated data.pkl)");
    }
    uint8_t byte() {
        need(1);
        return m_data[m_pos++];
    }
    uint64_t littleEndian(size_t n) {
        need(n);
        uint64_t v = 0;
        for (size_t i = 0; i < n; ++i)
            v |= static_cast<uint64_t>(m_data[m_pos + i]) << (8 * i);
        m_pos += n;
        return v;
    }
    std::string bytes(size_t n) {
        if (n > kMaxStringBytes)
            fail("string of " + std::to_string(n) + " bytes is too long for a state dict");
        need(n);
        std::string s(reinterpret_cast<const char*>(m_data + m_pos), n);
        m_pos += n;
        return s;
    }
    std::string line() {
        std::string s;
        for (;;) {
            const uint8_t c = byte();
            if (c == '\n')
                return s;
            if (s.size() > 256)
                fail("GLOBAL name longer than 256 bytes");
            s.push_back(static_cast<char>(c));
        }
    }

    // ---- values and the stack ----------------------------------------------------
    size_t make(Value v) {
        if (m_values.size() >= kMaxValues)
            fail("too many objects for a state dict");
        m_values.push_back(std::move(v));
        return m_values.size() - 1;
    }
    size_t makeInt(Kind kind, int64_t i) {
        Value v;
        v.kind = kind;
        v.integer = i;
        return make(std::move(v));
    }
    void push(size_t index) { m_stack.push_back(index); }
    size_t pop() {
        if (m_stack.size() <= markFloor())
            fail("stack underflow (no value to pop above the last MARK)");
        const size_t v = m_stack.back();
        m_stack.pop_back();
        return v;
    }
    size_t top() const {
        if (m_stack.size() <= markFloor())
            fail("stack underflow (no value above the last MARK)");
        return m_stack.back();
    }
    size_t markFloor() const { return m_marks.empty() ? 0 : m_marks.back(); }
    std::vector<size_t> popToMark() {
        if (m_marks.empty())
            fail("instruction needs a MARK, but none is open");
        const size_t mark = m_marks.back();
        m_marks.pop_back();
        std::vector<size_t> items(m_stack.begin() + static_cast<std::ptrdiff_t>(mark),
                                  m_stack.end());
        m_stack.resize(mark);
        return items;
    }
    size_t makeSequence(Kind kind, std::vector<size_t> items) {
        Value v;
        v.kind = kind;
        v.items = std::move(items);
        return make(std::move(v));
    }
    Value& expect(size_t index, Kind kind, const char* what) {
        Value& v = m_values[index];
        if (v.kind != kind)
            fail(std::string(what) + ": expected " + kindName(kind) + ", found " +
                 kindName(v.kind));
        return v;
    }
    int64_t intOf(size_t index, const char* what) {
        const Value& v = m_values[index];
        if (v.kind != Kind::Int && v.kind != Kind::Bool)
            fail(std::string(what) + ": expected int, found " + kindName(v.kind));
        return v.integer;
    }
    std::vector<int64_t> intTuple(size_t index, const char* what) {
        const std::vector<size_t> items = expect(index, Kind::Tuple, what).items;
        std::vector<int64_t> out;
        for (size_t item : items)
            out.push_back(intOf(item, what));
        return out;
    }
    void memoPut(uint64_t key) {
        if (key > 100'000'000)
            fail("memo index " + std::to_string(key) + " is implausibly large");
        m_memo[key] = top();
    }
    void memoGet(uint64_t key) {
        const auto it = m_memo.find(key);
        if (it == m_memo.end())
            fail("memo index " + std::to_string(key) + " was never stored");
        push(it->second);
    }

    // ---- the allowed globals -----------------------------------------------------
    size_t global(const std::string& module, const std::string& name) {
        Value v;
        v.kind = Kind::Global;
        if (module == "collections" && name == "OrderedDict") {
            v.global = Global::OrderedDict;
        } else if (module == "torch._utils" && name == "_rebuild_tensor_v2") {
            v.global = Global::RebuildTensorV2;
        } else if (module == "torch._utils" && name == "_rebuild_parameter") {
            v.global = Global::RebuildParameter;
        } else if (module == "torch._utils" && name == "_rebuild_parameter_with_state") {
            v.global = Global::RebuildParameterWithState;
        } else if (module == "torch" && storageDType(name)) {
            v.global = Global::StorageType;
            v.dtype = *storageDType(name);
        } else {
            throwFileError(m_file, "refusing global '" + module + "." + name +
                                       "' in data.pkl (byte " + std::to_string(m_opPos) +
                                       "): a checkpoint must never run code, and a state dict "
                                       "needs only tensors; convert it to safetensors "
                                       "(save_pretrained(dir, safe_serialization=True)) in a "
                                       "sandbox you trust");
        }
        return make(std::move(v));
    }

    // ('storage', torch.FloatStorage, key, location, numel) -> a storage reference.
    size_t persistentLoad(size_t pid) {
        const std::vector<size_t> t = expect(pid, Kind::Tuple, "persistent id").items;
        if (t.size() != 5)
            fail("persistent id must be ('storage', type, key, location, numel), found a tuple "
                 "of " +
                 std::to_string(t.size()));
        if (expect(t[0], Kind::String, "persistent id tag").text != "storage")
            fail("persistent id tag must be 'storage', found '" + m_values[t[0]].text + "'");
        const Value& type = expect(t[1], Kind::Global, "storage type");
        if (type.global != Global::StorageType)
            fail("persistent id names a callable where a torch.*Storage type belongs");
        const DType dtype = type.dtype;
        const std::string key = expect(t[2], Kind::String, "storage key").text;
        if (key.empty() || key.size() > 64)
            fail("storage key '" + key + "' is not a record name");
        for (char c : key)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
                fail("storage key '" + key + "' is not a record name");
        expect(t[3], Kind::String, "storage location");
        const int64_t numel = intOf(t[4], "storage size");
        if (numel < 0)
            fail("storage size " + std::to_string(numel) + " is negative");
        Value v;
        v.kind = Kind::Storage;
        v.text = key;
        v.integer = numel;
        v.dtype = dtype;
        return make(std::move(v));
    }

    size_t rebuildTensor(const std::vector<size_t>& args) {
        if (args.size() != 6 && args.size() != 7)
            fail("_rebuild_tensor_v2 takes 6 or 7 arguments, found " + std::to_string(args.size()));
        const Value storage = expect(args[0], Kind::Storage, "_rebuild_tensor_v2 storage");
        PickledTensor t;
        t.dtype = storage.dtype;
        t.storageKey = storage.text;
        t.storageNumel = storage.integer;
        t.storageOffset = intOf(args[1], "_rebuild_tensor_v2 storage offset");
        t.sizes = intTuple(args[2], "_rebuild_tensor_v2 size");
        t.strides = intTuple(args[3], "_rebuild_tensor_v2 stride");
        if (t.sizes.size() != t.strides.size())
            fail("tensor has " + std::to_string(t.sizes.size()) + " sizes but " +
                 std::to_string(t.strides.size()) + " strides");
        if (t.sizes.size() > 64)
            fail("tensor has " + std::to_string(t.sizes.size()) + " dimensions");
        if (t.storageOffset < 0)
            fail("negative storage offset " + std::to_string(t.storageOffset));
        // The last element addressed must lie inside the storage (checked without overflow).
        bool empty = false;
        int64_t last = t.storageOffset;
        for (size_t i = 0; i < t.sizes.size(); ++i) {
            if (t.sizes[i] < 0 || t.strides[i] < 0)
                fail("tensor size or stride is negative");
            empty = empty || t.sizes[i] == 0;
        }
        if (!empty) {
            for (size_t i = 0; i < t.sizes.size(); ++i) {
                int64_t reach = 0;
                if (__builtin_mul_overflow(t.sizes[i] - 1, t.strides[i], &reach) ||
                    __builtin_add_overflow(last, reach, &last))
                    fail("tensor sizes and strides overflow 64-bit offsets");
            }
            if (last >= t.storageNumel)
                fail("tensor reaches element " + std::to_string(last) + " of storage '" +
                     t.storageKey + "', which holds only " + std::to_string(t.storageNumel));
        }
        Value v;
        v.kind = Kind::Tensor;
        v.tensor = std::move(t);
        return make(std::move(v));
    }

    size_t reduce(size_t callable, size_t argsIndex) {
        const Value& fn = expect(callable, Kind::Global, "REDUCE callable");
        const Global which = fn.global;
        const std::vector<size_t> args = expect(argsIndex, Kind::Tuple, "REDUCE arguments").items;
        switch (which) {
        case Global::OrderedDict:
            if (!args.empty())
                fail("OrderedDict() must be called without arguments in a state dict");
            return makeSequence(Kind::Dict, {});
        case Global::RebuildTensorV2:
            return rebuildTensor(args);
        case Global::RebuildParameter:
        case Global::RebuildParameterWithState:
            if (args.size() != (which == Global::RebuildParameter ? 3u : 4u))
                fail("_rebuild_parameter called with " + std::to_string(args.size()) +
                     " arguments");
            expect(args[0], Kind::Tensor, "_rebuild_parameter data");
            return args[0];
        case Global::StorageType:
            break;
        }
        fail("a torch.*Storage type may appear only inside a persistent id");
    }

    void setItems(size_t dict, const std::vector<size_t>& kv) {
        Value& d = expect(dict, Kind::Dict, "SETITEM target");
        d.items.insert(d.items.end(), kv.begin(), kv.end());
    }

    // ---- the interpreter ---------------------------------------------------------
    void step(uint8_t op) {
        switch (op) {
        case 0x80: { // PROTO
            const uint8_t proto = byte();
            if (proto < 2 || proto > 5)
                fail("pickle protocol " + std::to_string(proto) + " is not one torch.save writes");
            return;
        }
        case 0x95: // FRAME (protocol 4): a length hint only
            littleEndian(8);
            return;
        case 'c': { // GLOBAL
            const std::string module = line();
            const std::string name = line();
            push(global(module, name));
            return;
        }
        case 'Q': // BINPERSID
            push(persistentLoad(pop()));
            return;
        case '}': // EMPTY_DICT
            push(makeSequence(Kind::Dict, {}));
            return;
        case ')': // EMPTY_TUPLE
            push(makeSequence(Kind::Tuple, {}));
            return;
        case ']': // EMPTY_LIST
            push(makeSequence(Kind::List, {}));
            return;
        case '(': // MARK
            if (m_marks.size() > 10'000)
                fail("MARKs nested too deeply");
            m_marks.push_back(m_stack.size());
            return;
        case 't': // TUPLE
            push(makeSequence(Kind::Tuple, popToMark()));
            return;
        case 0x85:   // TUPLE1
        case 0x86:   // TUPLE2
        case 0x87: { // TUPLE3
            std::vector<size_t> items(static_cast<size_t>(op - 0x84));
            for (size_t i = items.size(); i > 0; --i)
                items[i - 1] = pop();
            push(makeSequence(Kind::Tuple, std::move(items)));
            return;
        }
        case 'q': // BINPUT
            memoPut(byte());
            return;
        case 'r': // LONG_BINPUT
            memoPut(littleEndian(4));
            return;
        case 0x94: // MEMOIZE
            memoPut(m_memo.size());
            return;
        case 'h': // BINGET
            memoGet(byte());
            return;
        case 'j': // LONG_BINGET
            memoGet(littleEndian(4));
            return;
        case 'X': { // BINUNICODE
            Value v;
            v.kind = Kind::String;
            v.text = bytes(static_cast<size_t>(littleEndian(4)));
            push(make(std::move(v)));
            return;
        }
        case 0x8c: { // SHORT_BINUNICODE
            Value v;
            v.kind = Kind::String;
            v.text = bytes(byte());
            push(make(std::move(v)));
            return;
        }
        case 'J': // BININT
            push(makeInt(Kind::Int, static_cast<int32_t>(static_cast<uint32_t>(littleEndian(4)))));
            return;
        case 'K': // BININT1
            push(makeInt(Kind::Int, byte()));
            return;
        case 'M': // BININT2
            push(makeInt(Kind::Int, static_cast<int64_t>(littleEndian(2))));
            return;
        case 0x8a: { // LONG1: little-endian two's complement of n bytes
            const size_t n = byte();
            if (n > 8)
                fail("integer of " + std::to_string(n) + " bytes does not fit in 64 bits");
            uint64_t v = littleEndian(n);
            if (n > 0 && n < 8 && (v >> (8 * n - 1)) & 1u)
                v |= ~uint64_t(0) << (8 * n); // sign-extend
            push(makeInt(Kind::Int, static_cast<int64_t>(v)));
            return;
        }
        case 'G': { // BINFLOAT: big-endian IEEE double
            need(8);
            uint64_t bits = 0;
            for (int i = 0; i < 8; ++i)
                bits = (bits << 8) | m_data[m_pos + i];
            m_pos += 8;
            Value v;
            v.kind = Kind::Float;
            std::memcpy(&v.real, &bits, sizeof bits);
            push(make(std::move(v)));
            return;
        }
        case 0x88: // NEWTRUE
            push(makeInt(Kind::Bool, 1));
            return;
        case 0x89: // NEWFALSE
            push(makeInt(Kind::Bool, 0));
            return;
        case 'N': // NONE
            push(make(Value{}));
            return;
        case 'R': { // REDUCE
            const size_t args = pop();
            const size_t callable = pop();
            push(reduce(callable, args));
            return;
        }
        case 'b': { // BUILD: state of an OrderedDict (its _metadata) or a tensor is ignored
            pop();
            const Kind target = m_values[top()].kind;
            if (target != Kind::Dict && target != Kind::Tensor)
                fail(std::string("BUILD on a ") + kindName(target) +
                     "; only dicts and tensors may carry state in a state dict");
            return;
        }
        case 's': { // SETITEM
            const size_t value = pop();
            const size_t key = pop();
            setItems(top(), {key, value});
            return;
        }
        case 'u': { // SETITEMS
            const std::vector<size_t> kv = popToMark();
            if (kv.size() % 2 != 0)
                fail("SETITEMS with an odd number of values");
            setItems(top(), kv);
            return;
        }
        case 'a': { // APPEND
            const size_t value = pop();
            expect(top(), Kind::List, "APPEND target").items.push_back(value);
            return;
        }
        case 'e': { // APPENDS
            const std::vector<size_t> values = popToMark();
            Value& list = expect(top(), Kind::List, "APPENDS target");
            list.items.insert(list.items.end(), values.begin(), values.end());
            return;
        }
        default: {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", op);
            fail(std::string("unsupported pickle opcode ") + hex +
                 (op >= 0x20 && op < 0x7f ? std::string(" ('") + static_cast<char>(op) + "')"
                                          : std::string()) +
                 "; torch.save(state_dict) does not emit it");
        }
        }
    }

    std::vector<PickledTensor> stateDict(size_t root) {
        m_opPos = m_size;
        const Value& dict = m_values[root];
        if (dict.kind != Kind::Dict)
            fail(std::string("the pickled object is a ") + kindName(dict.kind) +
                 ", expected a state dict (name -> tensor)");
        std::vector<PickledTensor> out;
        std::unordered_map<std::string, size_t> seen;
        for (size_t i = 0; i + 1 < dict.items.size(); i += 2) {
            const Value& key = m_values[dict.items[i]];
            const Value& value = m_values[dict.items[i + 1]];
            if (key.kind != Kind::String)
                fail(std::string("state dict key is not a tensor name (found ") +
                     kindName(key.kind) + ")");
            if (value.kind != Kind::Tensor)
                fail("state dict entry '" + key.text + "' is not a tensor (found " +
                     kindName(value.kind) + ")");
            PickledTensor t = value.tensor;
            t.name = key.text;
            const auto [it, inserted] = seen.emplace(t.name, out.size());
            if (inserted)
                out.push_back(std::move(t));
            else
                out[it->second] = std::move(t); // a Python dict keeps the last value
        }
        return out;
    }

    const uint8_t* m_data;
    size_t m_size;
    std::string m_file;
    size_t m_pos = 0;
    size_t m_opPos = 0;
    std::vector<Value> m_values;
    std::vector<size_t> m_stack;
    std::vector<size_t> m_marks;
    std::unordered_map<uint64_t, size_t> m_memo;
};

} // namespace

std::vector<PickledTensor> unpickleStateDict(const uint8_t* data, size_t size,
                                             const std::string& file) {
    return Unpickler(data, size, file).run();
}

} // namespace bs
