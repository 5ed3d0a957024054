# lit configuration for hpoc's FileCheck tests.
import os
import lit.formats

config.name = "hpoc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".hpo", ".test", ".cpp"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.hpoc_obj_root, "tests", "lit")

config.environment["PATH"] = os.pathsep.join(
    [config.hpoc_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
config.substitutions.append(("%hpoc", os.path.join(config.hpoc_tools_dir, "hpoc")))
config.substitutions.append(("%src_root", config.hpoc_src_root))
