-- wrk script: POST /charges (form-encoded KMA charge) with the emulator's default secret key.
-- wrk -t1 -c32 -d10s -s build/EmulatorLoad/post-charge.lua http://127.0.0.1:5090/charges
wrk.method = "POST"
wrk.body = "amount=150000&currency=THB&return_uri=https%3A%2F%2Fshop.example%2Freturn&source%5Btype%5D=mobile_banking_bay&source%5Bplatform_type%5D=IOS&metadata%5Border_guid%5D=load-test"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic c2tleV90ZXN0XzVrbWFlbXVsYXRvcmRldjo="
wrk.headers["Omise-Version"] = "2019-05-29"
