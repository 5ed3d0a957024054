// The one translation unit of hpoc that includes Clang's AST headers (they cost
// 15-20 s and ~900 MB to compile): it runs Clang over a trainer, finds the struct
// marked hpoc::hparams and copies what it says into plain data.
#include "compiler/trainer/trainer_reader.h"

#include <algorithm>
#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/Attr.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/RawCommentList.h>
#include <clang/Basic/FileManager.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Frontend/TextDiagnosticPrinter.h>
#include <clang/Lex/Lexer.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/Tooling.h>
#include <filesystem>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/VirtualFileSystem.h>
#include <llvm/Support/raw_ostream.h>

#ifndef HPOC_CLANG_RESOURCE_DIR
#define HPOC_CLANG_RESOURCE_DIR ""
#endif

namespace hpoc::trainer {
namespace {

namespace fs = std::filesystem;

/// Where the stand-ins for hpoc's own headers live: searched last (-idirafter),
/// so a real header always wins.
constexpr const char* kStubDir = "/__hpoc_stubs__";

/// Collects the definitions of records carrying the hpoc::hparams annotation,
/// at namespace scope and nested in classes (a struct local to a function
/// cannot be named by the generated loader, so it is not looked for).
void findMarkedRecords(const clang::DeclContext* dc,
                       std::vector<const clang::CXXRecordDecl*>& found) {
  for (const clang::Decl* d : dc->decls()) {
    if (const auto* rd = llvm::dyn_cast<clang::CXXRecordDecl>(d)) {
      if (!rd->isThisDeclarationADefinition())
        continue;
      for (const auto* a : rd->specific_attrs<clang::AnnotateAttr>())
        if (a->getAnnotation() == kHparamsAnnotation) {
          found.push_back(rd);
          break;
        }
      findMarkedRecords(rd, found);
    } else if (llvm::isa<clang::NamespaceDecl>(d) || llvm::isa<clang::LinkageSpecDecl>(d) ||
               llvm::isa<clang::ExportDecl>(d)) {
      findMarkedRecords(llvm::cast<clang::DeclContext>(d), found);
    }
  }
}

/// Turns Clang's AST nodes into hpoc's plain data.
class RecordReader {
public:
  RecordReader(clang::ASTContext& ctx, std::string mainFileShownAs)
      : ctx_(ctx), sm_(ctx.getSourceManager()), mainShownAs_(std::move(mainFileShownAs)) {
    policy_.SuppressUnwrittenScope = true;
    policy_.SuppressTagKeyword = true;
  }

  TrainerLoc location(clang::SourceLocation at, std::uint32_t length) const {
    TrainerLoc loc;
    at = sm_.getFileLoc(at);
    if (at.isInvalid())
      return loc;
    auto [fid, offset] = sm_.getDecomposedLoc(at);
    loc.offset = offset;
    loc.length = length;
    loc.line = sm_.getLineNumber(fid, offset);
    loc.column = sm_.getColumnNumber(fid, offset);
    if (fid == sm_.getMainFileID()) {
      loc.file = mainShownAs_;
    } else if (const clang::FileEntry* fe = sm_.getFileEntryForID(fid)) {
      loc.file =
          fe->tryGetRealPathName().empty() ? fe->getName().str() : fe->tryGetRealPathName().str();
    }
    return loc;
  }

  std::string docOf(const clang::Decl* d) const {
    const clang::RawComment* rc = ctx_.getRawCommentForDeclNoCache(d);
    if (!rc)
      return "";
    std::string text = rc->getFormattedText(sm_, ctx_.getDiagnostics());
    std::string out;
    bool space = false;
    for (char c : text) {
      if (c == '\n' || c == '\t' || c == ' ' || c == '\r') {
        space = !out.empty();
        continue;
      }
      if (space)
        out += ' ';
      space = false;
      out += c;
    }
    return out;
  }

  std::string qualifiedName(const clang::NamedDecl* d) const {
    std::string s;
    llvm::raw_string_ostream os(s);
    d->printQualifiedName(os, policy_);
    return os.str();
  }

  HparamsStruct read(const clang::CXXRecordDecl* rd) const {
    HparamsStruct out;
    out.name = rd->getNameAsString();
    out.qualifiedName = qualifiedName(rd);
    out.doc = docOf(rd);
    out.loc = location(rd->getLocation(), static_cast<std::uint32_t>(rd->getName().size()));
    for (const clang::FieldDecl* f : rd->fields()) {
      if (f->isUnnamedBitfield() || f->getName().empty())
        continue;
      out.fields.push_back(readField(f));
    }
    return out;
  }

private:
  static bool isStdString(clang::QualType t) {
    const auto* spec =
        llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(t->getAsCXXRecordDecl());
    if (!spec || !spec->isInStdNamespace() || spec->getName() != "basic_string")
      return false;
    const clang::TemplateArgumentList& args = spec->getTemplateArgs();
    return args.size() >= 1 && args[0].getKind() == clang::TemplateArgument::Type &&
           args[0].getAsType()->isCharType();
  }

  static bool isCharacter(clang::QualType t) {
    const auto* bt = t->getAs<clang::BuiltinType>();
    if (!bt)
      return false;
    switch (bt->getKind()) {
    case clang::BuiltinType::Char_S:
    case clang::BuiltinType::Char_U:
    case clang::BuiltinType::WChar_S:
    case clang::BuiltinType::WChar_U:
    case clang::BuiltinType::Char8:
    case clang::BuiltinType::Char16:
    case clang::BuiltinType::Char32:
      return true;
    default:
      return false;
    }
  }

  void classify(clang::QualType written, HparamField& f) const {
    clang::QualType t = written.getCanonicalType();
    f.typeName = written.getAsString(policy_);
    if (t.isConstQualified() || t->isReferenceType()) {
      f.kind = FieldKind::Unsupported;
    } else if (t->isBooleanType()) {
      f.kind = FieldKind::Bool;
    } else if (const auto* et = t->getAs<clang::EnumType>()) {
      const clang::EnumDecl* ed = et->getDecl();
      f.kind = FieldKind::Enum;
      f.enumName = qualifiedName(ed);
      for (const clang::EnumConstantDecl* e : ed->enumerators())
        f.enumerators.push_back({e->getNameAsString(), e->getInitVal().getExtValue()});
    } else if (t->isIntegerType() && !isCharacter(t)) {
      f.kind = FieldKind::Integer;
      f.isUnsigned = t->isUnsignedIntegerType();
      f.bits = static_cast<unsigned>(ctx_.getTypeSize(t));
    } else if (t->isRealFloatingType()) {
      f.kind = FieldKind::Floating;
      f.bits = static_cast<unsigned>(ctx_.getTypeSize(t));
    } else if (isStdString(t)) {
      f.kind = FieldKind::String;
    } else {
      f.kind = FieldKind::Unsupported;
    }
  }

  /// The string literal a std::string initialiser holds: "x", {"x"}, std::string("x").
  static std::optional<std::string> stringLiteralIn(const clang::Expr* e) {
    for (int depth = 0; e && depth < 8; ++depth) {
      e = e->IgnoreImplicit()->IgnoreParens();
      if (const auto* s = llvm::dyn_cast<clang::StringLiteral>(e))
        return s->isAscii() || s->isUTF8() ? std::optional<std::string>(s->getString().str())
                                           : std::nullopt;
      if (const auto* c = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
        if (c->getNumArgs() == 0)
          return std::string();
        e = c->getArg(0);
      } else if (const auto* l = llvm::dyn_cast<clang::InitListExpr>(e)) {
        if (l->getNumInits() == 0)
          return std::string();
        e = l->getInit(0);
      } else if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e)) {
        e = cast->getSubExpr();
      } else if (const auto* tmp = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(e)) {
        e = tmp->getSubExpr();
      } else if (const auto* bind = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(e)) {
        e = bind->getSubExpr();
      } else {
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  /// `int x{}` and `int x{3}` hold an init list; the value is inside.
  static const clang::Expr* scalarInit(const clang::Expr* e) {
    if (const auto* l = llvm::dyn_cast<clang::InitListExpr>(e->IgnoreImplicit()))
      return l->getNumInits() == 1 ? l->getInit(0) : nullptr;
    return e;
  }

  void evaluateDefault(const clang::FieldDecl* fd, HparamField& f) const {
    const clang::Expr* init = fd->getInClassInitializer();
    DefaultValue d;
    if (init) {
      d.text =
          clang::Lexer::getSourceText(clang::CharSourceRange::getTokenRange(init->getSourceRange()),
                                      sm_, ctx_.getLangOpts())
              .str();
      if (fd->getInClassInitStyle() == clang::ICIS_ListInit && d.text.size() >= 2 &&
          d.text.front() == '{' && d.text.back() == '}')
        d.text = llvm::StringRef(d.text).drop_front().drop_back().trim().str();
    } else if (f.kind != FieldKind::String) {
      return; // scalars without an initialiser hold garbage; only std::string has a value
    }
    const clang::Expr* scalar = init ? scalarInit(init) : nullptr;
    clang::Expr::EvalResult r;
    switch (f.kind) {
    case FieldKind::Integer:
    case FieldKind::Bool:
    case FieldKind::Enum:
      if (!scalar) {
        d.integer = 0; // `{}`: value-initialised
      } else if (scalar->EvaluateAsInt(r, ctx_)) {
        d.integer = f.isUnsigned ? static_cast<std::int64_t>(r.Val.getInt().getZExtValue())
                                 : r.Val.getInt().getExtValue();
      }
      if (d.integer) {
        if (f.kind == FieldKind::Integer)
          d.number = static_cast<double>(*d.integer);
        if (f.kind == FieldKind::Bool)
          d.flag = *d.integer != 0;
        if (f.kind == FieldKind::Enum)
          for (const Enumerator& e : f.enumerators)
            if (e.value == *d.integer) {
              d.enumerator = e.name;
              break;
            }
      }
      break;
    case FieldKind::Floating: {
      llvm::APFloat value(0.0);
      if (!scalar) {
        d.number = 0.0;
      } else if (scalar->EvaluateAsFloat(value, ctx_)) {
        bool lost = false;
        value.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven, &lost);
        d.number = value.convertToDouble();
      } else if (scalar->EvaluateAsInt(r, ctx_)) {
        d.number = static_cast<double>(r.Val.getInt().getExtValue());
      }
      break;
    }
    case FieldKind::String:
      d.string = init ? stringLiteralIn(init) : std::optional<std::string>(std::string());
      break;
    case FieldKind::Unsupported:
      break;
    }
    f.defaultValue = std::move(d);
  }

  HparamField readField(const clang::FieldDecl* fd) const {
    HparamField f;
    f.name = fd->getNameAsString();
    classify(fd->getType(), f);
    if (fd->isBitField()) { // a loader cannot bind a reference to it
      f.kind = FieldKind::Unsupported;
      f.typeName += " : " + std::to_string(fd->getBitWidthValue(ctx_));
    }
    evaluateDefault(fd, f);
    f.doc = docOf(fd);
    f.loc = location(fd->getLocation(), static_cast<std::uint32_t>(fd->getName().size()));
    return f;
  }

  clang::ASTContext& ctx_;
  const clang::SourceManager& sm_;
  clang::PrintingPolicy policy_{ctx_.getLangOpts()};
  std::string mainShownAs_;
};

class HparamsConsumer : public clang::ASTConsumer {
public:
  HparamsConsumer(ReadResult& result, std::string shownAs)
      : result_(result), shownAs_(std::move(shownAs)) {}

  void HandleTranslationUnit(clang::ASTContext& ctx) override {
    const clang::SourceManager& sm = ctx.getSourceManager();
    for (auto it = sm.fileinfo_begin(); it != sm.fileinfo_end(); ++it) {
      const clang::FileEntry* fe = it->first;
      llvm::StringRef name = fe->tryGetRealPathName();
      if (name.empty())
        name = fe->getName();
      if (name.startswith(kStubDir) || fe == sm.getFileEntryForID(sm.getMainFileID()))
        continue;
      clang::FileID fid = sm.translateFile(fe);
      if (fid.isValid() && sm.isInSystemHeader(sm.getLocForStartOfFile(fid)))
        continue;
      result_.filesRead.push_back(name.str());
    }
    std::sort(result_.filesRead.begin(), result_.filesRead.end());
    if (const clang::FileEntry* main = sm.getFileEntryForID(sm.getMainFileID()))
      result_.filesRead.insert(result_.filesRead.begin(), main->tryGetRealPathName().str());
    if (ctx.getDiagnostics().hasErrorOccurred())
      return;
    std::vector<const clang::CXXRecordDecl*> found;
    findMarkedRecords(ctx.getTranslationUnitDecl(), found);
    RecordReader reader(ctx, shownAs_);
    if (found.empty()) {
      result_.messages.push_back({ReaderMessage::Severity::Error,
                                  {},
                                  "no struct is marked as the trainer's hyperparameters; write "
                                  "'struct HPOC_HPARAMS Hparams { ... };' (from hpoc_hparams.h) or "
                                  "[[clang::annotate(\"hpoc::hparams\")]]"});
      return;
    }
    if (found.size() > 1) {
      const clang::CXXRecordDecl* second = found[1];
      result_.messages.push_back(
          {ReaderMessage::Severity::Error,
           reader.location(second->getLocation(),
                           static_cast<std::uint32_t>(second->getName().size())),
           "a second struct is marked hpoc::hparams; a trainer has exactly one"});
      const clang::CXXRecordDecl* first = found[0];
      result_.messages.push_back(
          {ReaderMessage::Severity::Note,
           reader.location(first->getLocation(),
                           static_cast<std::uint32_t>(first->getName().size())),
           "'" + first->getNameAsString() + "' is marked here"});
      return;
    }
    result_.hparams = reader.read(found[0]);
  }

private:
  ReadResult& result_;
  std::string shownAs_;
};

class HparamsAction : public clang::ASTFrontendAction {
public:
  HparamsAction(ReadResult& result, std::string shownAs)
      : result_(result), shownAs_(std::move(shownAs)) {}

protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance&,
                                                        llvm::StringRef) override {
    return std::make_unique<HparamsConsumer>(result_, shownAs_);
  }

private:
  ReadResult& result_;
  std::string shownAs_;
};

/// Runs HparamsAction like tooling's FrontendActionFactory does, except that
/// Clang's "N errors generated." goes with its other output rather than to stderr.
class HparamsToolAction : public clang::tooling::ToolAction {
public:
  HparamsToolAction(ReadResult& result, std::string shownAs, llvm::raw_ostream& verbose)
      : result_(result), shownAs_(std::move(shownAs)), verbose_(verbose) {}

  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> invocation,
                     clang::FileManager* files, std::shared_ptr<clang::PCHContainerOperations> pch,
                     clang::DiagnosticConsumer* consumer) override {
    clang::CompilerInstance compiler(std::move(pch));
    compiler.setInvocation(std::move(invocation));
    compiler.setFileManager(files);
    compiler.createDiagnostics(consumer, /*ShouldOwnClient=*/false);
    if (!compiler.hasDiagnostics())
      return false;
    compiler.createSourceManager(*files);
    compiler.setVerboseOutputStream(verbose_);
    HparamsAction action(result_, shownAs_);
    bool ok = compiler.ExecuteAction(action);
    files->clearStatCache();
    return ok;
  }

private:
  ReadResult& result_;
  std::string shownAs_;
  llvm::raw_ostream& verbose_;
};

std::string resourceDir() {
  std::string dir = HPOC_CLANG_RESOURCE_DIR;
  if (const char* env = std::getenv("HPOC_CLANG_RESOURCE_DIR"))
    dir = env;
  return dir;
}

/// The compile command for `absSource`: from a compilation database when one
/// is given or found, else a fixed C++20 command line (said in a note).
clang::tooling::CompileCommand compileCommand(const ReaderOptions& options,
                                              const std::string& absSource, ReadResult& result) {
  std::string err;
  std::unique_ptr<clang::tooling::CompilationDatabase> db;
  if (!options.buildDir.empty()) {
    db = clang::tooling::CompilationDatabase::loadFromDirectory(options.buildDir, err);
    if (!db)
      result.messages.push_back({ReaderMessage::Severity::Note,
                                 {},
                                 "no compilation database in '" + options.buildDir +
                                     "' (configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON); "
                                     "reading " +
                                     options.source + " with -std=c++20"});
  } else {
    db = clang::tooling::CompilationDatabase::autoDetectFromSource(absSource, err);
    if (!db)
      result.messages.push_back({ReaderMessage::Severity::Note,
                                 {},
                                 "no compilation database found for " + options.source +
                                     " (give one with -p BUILD_DIR); reading it with -std=c++20"});
  }
  if (db) {
    // Headers and new files are not in the database; borrow a neighbour's flags.
    db = clang::tooling::inferMissingCompileCommands(std::move(db));
    std::vector<clang::tooling::CompileCommand> cmds = db->getCompileCommands(absSource);
    if (!cmds.empty())
      return cmds.front();
    result.messages.push_back({ReaderMessage::Severity::Note,
                               {},
                               "the compilation database has no command for " + options.source +
                                   "; reading it with -std=c++20"});
  }
  clang::tooling::CompileCommand fixed;
  fixed.Directory = fs::current_path().string();
  fixed.Filename = absSource;
  fixed.CommandLine = {"clang++", "-std=c++20", options.source};
  return fixed;
}

/// hpoc_hparams.h, for a trainer read without its include path.
constexpr const char* kMarkerStub =
    "#pragma once\n#define HPOC_HPARAMS [[clang::annotate(\"hpoc::hparams\")]]\n";

/// A generated loader that does not exist yet (hpoc is about to write it).
constexpr const char* kLoaderStub =
    "#pragma once\n#include <string>\n"
    "template <class T> bool loadHparams(const std::string&, T&, std::string*);\n";

/// Quoted includes of `text` that name a generated loader ("train_hparams.h").
std::vector<std::string> loaderIncludes(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = text.find("#include", at)) != std::string::npos) {
    at += 8;
    std::size_t open = text.find_first_not_of(" \t", at);
    if (open == std::string::npos || text[open] != '"')
      continue;
    std::size_t close = text.find('"', open + 1);
    if (close == std::string::npos || text.find('\n', open) < close)
      continue;
    std::string name = text.substr(open + 1, close - open - 1);
    std::string base = fs::path(name).filename().string();
    if (base != "hpoc_hparams.h" && base.find("hparams") != std::string::npos &&
        name.find("..") == std::string::npos && !name.empty() && name[0] != '/')
      out.push_back(name);
  }
  return out;
}

/// The files behind kStubDir: the marker header under the names a trainer may
/// include it by, and an empty-bodied loader for each loader the source includes.
llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> stubFiles(const std::string& source) {
  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> mem(new llvm::vfs::InMemoryFileSystem());
  auto add = [&](const std::string& rel, const char* text) {
    mem->addFile(std::string(kStubDir) + "/" + rel, 0, llvm::MemoryBuffer::getMemBufferCopy(text));
  };
  for (const char* name :
       {"hpoc_hparams.h", "runtime/trainer/hpoc_hparams.h", "hpoc/runtime/trainer/hpoc_hparams.h"})
    add(name, kMarkerStub);
  if (auto buffer = llvm::MemoryBuffer::getFile(source))
    for (const std::string& name : loaderIncludes((*buffer)->getBuffer().str()))
      add(name, kLoaderStub);
  return mem;
}

} // namespace

ReadResult readTrainer(const ReaderOptions& options) {
  ReadResult result;
  std::error_code ec;
  fs::path abs = fs::absolute(options.source, ec);
  if (ec || !fs::is_regular_file(abs, ec)) {
    result.messages.push_back(
        {ReaderMessage::Severity::Error, {}, "cannot read the trainer: no such file"});
    return result;
  }
  std::string absSource = abs.lexically_normal().string();
  clang::tooling::CompileCommand cmd = compileCommand(options, absSource, result);

  using namespace clang::tooling;
  CommandLineArguments args = cmd.CommandLine;
  args = getClangStripOutputAdjuster()(args, absSource);
  args = getClangStripDependencyFileAdjuster()(args, absSource);
  args = getClangSyntaxOnlyAdjuster()(args, absSource);
  CommandLineArguments extra = {"-w", "-idirafter", kStubDir, "-DHPOC_READING_HPARAMS=1"};
  if (std::string dir = resourceDir(); !dir.empty())
    extra.insert(extra.end(), {"-resource-dir", dir});
  extra.insert(extra.end(), options.extraArgs.begin(), options.extraArgs.end());
  args = getInsertArgumentAdjuster(extra, ArgumentInsertPosition::END)(args, absSource);
  for (std::size_t i = 0; i < args.size(); ++i)
    result.commandLine += (i ? " " : "") + args[i];

  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> vfs(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::createPhysicalFileSystem()));
  vfs->pushOverlay(stubFiles(absSource));
  vfs->setCurrentWorkingDirectory(cmd.Directory);
  llvm::IntrusiveRefCntPtr<clang::FileManager> files(
      new clang::FileManager(clang::FileSystemOptions(), vfs));

  llvm::raw_string_ostream clangOut(result.clangOutput);
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> diagOpts(new clang::DiagnosticOptions());
  clang::TextDiagnosticPrinter printer(clangOut, diagOpts.get());

  ReadResult found;
  HparamsToolAction action(found, options.source, clangOut);
  ToolInvocation invocation(args, &action, files.get(),
                            std::make_shared<clang::PCHContainerOperations>());
  invocation.setDiagnosticConsumer(&printer);
  bool ran = invocation.run();
  clangOut.flush();

  result.messages.insert(result.messages.end(), found.messages.begin(), found.messages.end());
  if (!ran || printer.getNumErrors() > 0) {
    unsigned n = printer.getNumErrors();
    result.messages.push_back(
        {ReaderMessage::Severity::Error,
         {},
         "cannot read the trainer's hyperparameters: clang reports " +
             (n ? std::to_string(n) + (n == 1 ? " error" : " errors") : std::string("a failure")) +
             " in " + options.source});
    return result;
  }
  result.hparams = std::move(found.hparams);
  result.filesRead = std::move(found.filesRead);
  return result;
}

} // namespace hpoc::trainer
