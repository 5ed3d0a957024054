# Runs the loader's end-to-end trainer on JSON and YAML configs and compares
# what it prints. cmake -DTRAINER=... -DWORK_DIR=... -P loader_e2e_test.cmake
file(MAKE_DIRECTORY "${WORK_DIR}")

function(expect name config_name config_text expected_rc expected_out)
  file(WRITE "${WORK_DIR}/${config_name}" "${config_text}")
  execute_process(COMMAND "${TRAINER}" "${WORK_DIR}/${config_name}"
                  OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  if(NOT rc EQUAL expected_rc OR NOT out STREQUAL expected_out)
    message(FATAL_ERROR "${name}: exit ${rc} (expected ${expected_rc}), output:\n${out}\nexpected:\n${expected_out}")
  endif()
  message(STATUS "${name}: ok")
endfunction()

expect(json config.json
  "{\"learning_rate\": 0.05, \"max_depth\": 8, \"batch_size\": 64.0, \"shuffle\": false, \"optimizer\": \"sgd\", \"unknown\": [1]}"
  0 "learning_rate=0.05\nmax_depth=8\nbatch_size=64\ndropout=0.25\nshuffle=false\nloss=mse\noptimizer=sgd\n")
expect(yaml config.yaml
  "learning_rate: 1e-3\nmax_depth: 3\ndropout: 0.5\nloss: \"huber\"\noptimizer: rmsprop\n"
  0 "learning_rate=0.001\nmax_depth=3\nbatch_size=32\ndropout=0.5\nshuffle=true\nloss=huber\noptimizer=rmsprop\n")
expect(json_defaults empty.json "{}"
  0 "learning_rate=0.1\nmax_depth=6\nbatch_size=32\ndropout=0.25\nshuffle=true\nloss=mse\noptimizer=adam\n")
expect(json_type_error bad.json "{\"max_depth\": 2.5}"
  1 "error: config key 'max_depth': expected an integer, got 2.5\n")
expect(yaml_type_error bad.yaml "shuffle: maybe\n"
  1 "error: config key 'shuffle': expected true or false, got maybe\n")
expect(enum_error bad_enum.json "{\"optimizer\": \"adagrad\"}"
  1 "error: config key 'optimizer': expected one of adam, sgd, rmsprop, got adagrad\n")
expect(unsigned_error neg.yaml "batch_size: -4\n"
  1 "error: config key 'batch_size': expected an integer that fits the field, got -4\n")
